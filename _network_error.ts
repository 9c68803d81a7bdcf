/**
 * The `network_error` the clients throw when a request does not reach the server: which kind of
 * failure it was, on every runtime, and what to check. Internal.
 *
 * @module
 */
import { OAuthError } from "./errors.ts";
import { describeUrl } from "./_transport.ts";

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
export function networkError(url: URL, error: unknown): OAuthError {
  const { cause, code, texts } = failureCause(url, error);
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

/** What a failed fetch left that may be shown: a secret-free copy of its cause, and its texts. */
interface FailureCause {
  /**
   * A copy of the innermost error with the runtime's code (`ECONNREFUSED`, …), its message
   * without the query (where a token or signature may be); nothing else of the original is kept
   * (Bun's errors carry the whole URL in `path`).
   */
  cause: Error;
  code?: string;
  /** The messages of the error and its causes, outermost first. */
  texts: string[];
}

/** The `FailureCause` of a fetch of `url` that failed with `error`. */
function failureCause(url: URL, error: unknown): FailureCause {
  const chain = causeChain(error);
  const code = chain.map(codeOf).find((found) => found !== undefined);
  const texts = chain.map((link) => link instanceof Error ? link.message : String(link));
  // Node's innermost error may be an AggregateError without a message of its own.
  const innermost = chain.at(-1);
  const cause = new Error(redact(texts.findLast((line) => line !== "") ?? "", url));
  cause.name = innermost instanceof Error ? innermost.name : "Error";
  if (code !== undefined) Object.assign(cause, { code });
  return { cause, code, texts };
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

/**
 * `text` without the URL's query: Deno's messages quote the URL whole. The query is cut out with
 * and without its `?`, and so is any other URL's query.
 */
function redact(text: string, url: URL): string {
  const query = url.search;
  const cut = query ? text.split(query).join("?…").split(query.slice(1)).join("…") : text;
  return cut.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#][^\s"'<>)]*/gi, "$1?…");
}

/** A runtime's error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`), if it is a plain identifier. */
function codeOf(link: unknown): string | undefined {
  const code = (link as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(code) ? code : undefined;
}
