/**
 * Sending a request without letting a credential escape through an error. Internal.
 *
 * @module
 */
import { OAuthError } from "./errors.ts";
import { describeUrl } from "./_transport.ts";

/**
 * A `fetch` the clients call with a fully prepared `Request`: `globalThis.fetch` fits, and so
 * does a test double or a fetch that adds a proxy.
 */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Sends a request with the caller's `fetch` (called unbound: the fetch of workerd and browsers
 * refuses any other `this`) or the global one. A request set to follow redirects is made
 * `redirect: "manual"` first (a hook may have rebuilt it with the default): the library decides
 * about redirects itself. An abort or timeout keeps its `DOMException`; any other failure
 * becomes `network_error` (see `networkError`), which names the origin and path but never the
 * query, where a token or signature may be.
 */
export async function send(
  fetchFunction: FetchLike | undefined,
  request: Request,
): Promise<Response> {
  const manual = request.redirect === "follow"
    ? new Request(request, { redirect: "manual" })
    : request;
  try {
    return await (fetchFunction ?? fetch)(manual);
  } catch (error) {
    if (
      error instanceof DOMException &&
      (error.name === "AbortError" || error.name === "TimeoutError")
    ) {
      throw error;
    }
    throw networkError(new URL(request.url), error);
  }
}

/** A kind of network failure: how each runtime reports it, and what to check. */
interface FailureKind {
  kind: string;
  /** Node's and Bun's codes. */
  codes: RegExp;
  /** Deno's text, which has no code. */
  text: RegExp;
  /** The reason in Deno's text, where it says more than the kind. */
  reason?: RegExp;
  advice?: string;
}

const KINDS: FailureKind[] = [
  {
    kind: "connection refused",
    codes: /^(ECONNREFUSED|ConnectionRefused)$/,
    text: /connection refused/i,
    advice: "is the server running, and is the port right?",
  },
  {
    kind: "DNS lookup failed",
    codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|EAI_NODATA)$/,
    text: /dns error|getaddrinfo|failed to lookup address|name or service not known/i,
    advice: "check the host name",
  },
  {
    kind: "TLS certificate rejected",
    codes: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/,
    text: /certificate/i,
    reason: /invalid peer certificate: (\w+(?:\(\w+(?:\(\w+\))?\))?)/,
    advice:
      "the server's certificate is not trusted here (self-signed, expired, or for another name)",
  },
  { kind: "connection reset", codes: /^ECONNRESET$/, text: /connection reset/i },
  { kind: "timed out", codes: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, text: /timed out/i },
];

/**
 * `network_error` for a failed fetch: the message names the URL's origin and path, the kind of
 * failure, the runtime's code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, …) or Deno's
 * reason (`UnknownIssuer`), and what to check. The cause is a copy of the innermost error with
 * that code, its message without the query (where a token or signature may be); nothing else of
 * the original is kept (Bun's errors carry the whole URL in `path`).
 */
function networkError(url: URL, error: unknown): OAuthError {
  const chain = causeChain(error);
  const code = chain.map(codeOf).find((found) => found !== undefined);
  const texts = chain.map((link) => link instanceof Error ? link.message : String(link));
  // Node's innermost error may be an AggregateError without a message of its own.
  const innermost = chain.at(-1);
  const cause = new Error(redact(texts.findLast((line) => line !== "") ?? "", url));
  cause.name = innermost instanceof Error ? innermost.name : "Error";
  if (code !== undefined) Object.assign(cause, { code });
  // Matched without the URLs that Deno's texts quote: a path may say "certificate".
  const said = texts.map((line) => line.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ""));
  const failed = `the request to ${describeUrl(url)} failed`;
  return new OAuthError("network_error", `${failed}${describeFailure(error, code, said)}`, {
    cause,
  });
}

/** `: kind (code); advice`, or ` (code)` or ` (TypeError)` for a failure of no known kind. */
function describeFailure(error: unknown, code: string | undefined, texts: string[]): string {
  const found = KINDS.find(({ codes }) => code !== undefined && codes.test(code)) ??
    KINDS.find(({ text }) => texts.some((line) => text.test(line)));
  if (found === undefined) {
    return ` (${code ?? (error instanceof Error ? error.name : typeof error)})`;
  }
  const reason = code ?? texts.map((line) => found.reason?.exec(line)?.[1]).find(Boolean);
  return `: ${found.kind}${reason ? ` (${reason})` : ""}${found.advice ? `; ${found.advice}` : ""}`;
}

/** The error and its causes, outermost first (a few levels: runtimes nest two or three). */
function causeChain(error: unknown): unknown[] {
  const chain = [error];
  for (let link = error; chain.length < 5 && link instanceof Error && link.cause !== undefined;) {
    link = link.cause;
    chain.push(link);
  }
  return chain;
}

/** A runtime's error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`), if it is a plain identifier. */
function codeOf(link: unknown): string | undefined {
  const code = (link as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(code) ? code : undefined;
}

/**
 * `text` without the URL's query: Deno's messages quote the URL whole. The query is cut out with
 * and without its `?`, and so is any other URL's query.
 */
function redact(text: string, url: URL): string {
  const query = url.search;
  const cut = query ? text.split(query).join("?…").split(query.slice(1)).join("…") : text;
  return cut.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#][^\s"'<>)]*/gi, "$1?…");
}
