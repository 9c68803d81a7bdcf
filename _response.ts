/**
 * Reading responses safely: capped bodies, excerpts for errors, refused redirects. Internal.
 *
 * @module
 */
import { formEncode } from "./_encoding.ts";
import { OAuthError } from "./errors.ts";

/** The largest response body the library reads: 1 MiB. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The longest body excerpt an error carries. */
const MAX_EXCERPT_CHARS = 1024;

/**
 * Reads a response body as UTF-8 text, refusing more than `maxBytes`: a larger
 * `Content-Length` is refused before reading, and a stream is cancelled as soon as it passes
 * the cap, so an endless body costs at most `maxBytes` of memory.
 */
export async function readCappedText(
  response: Response,
  maxBytes: number = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(response.status, maxBytes);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(response.status, maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concat(chunks, total));
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

function tooLarge(status: number, maxBytes: number): OAuthError {
  return new OAuthError(
    "response_too_large",
    `expected a response body of at most ${maxBytes} bytes, got more`,
    { status },
  );
}

/**
 * The first 1 KiB of a body as plain text, for errors. Values the request carried that are
 * secret (`sensitive`) are cut out first: as sent, or percent- or form-encoded in either case
 * of hex. A secret still readable once one or two layers of percent, form, HTML or JSON
 * escaping are undone, in any order, hides the whole excerpt.
 */
export function excerpt(text: string, sensitive: readonly string[] = []): string {
  // Real secrets are long; cutting short values would mangle ordinary words.
  const values = sensitive.filter((value) => value.length >= 8);
  if (values.length === 0) return text.slice(0, MAX_EXCERPT_CHARS);
  const spellings = values.flatMap((
    value,
  ) => [value, encodeURIComponent(value), formEncode(value)]);
  const pattern = spellings.map((spelling) => spelling.replace(/\W/g, "\\$&")).join("|");
  // A spelling that begins in the excerpt ends within 24 characters per character of it.
  const clean = text.replace(new RegExp(pattern, "gi"), "[redacted]")
    .slice(0, MAX_EXCERPT_CHARS + 24 * Math.max(...values.map((value) => value.length)));
  const echoed = UNESCAPERS.some((outer) =>
    UNESCAPERS.some((inner) => values.some((value) => inner(outer(clean)).includes(value)))
  );
  return echoed ? "[redacted: the body echoed a secret]" : clean.slice(0, MAX_EXCERPT_CHARS);
}

const JSON_ESCAPES = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const fromCode = (code: string, radix: number) =>
  String.fromCodePoint(Math.min(0x10ffff, parseInt(code, radix)));

/** Undoes percent-encoding: whole UTF-8 runs, bytes that are not UTF-8 as Latin-1. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%(..)/g, (_, byte) => fromCode(byte, 16));
    }
  });
}

/** Escaping layers a server may echo a value in; the first leaves the text as it is. */
const UNESCAPERS: ((text: string) => string)[] = [
  (text) => text,
  percentDecode,
  (text) => percentDecode(text.replaceAll("+", " ")),
  // HTML character references; lone UTF-16 halves (`&#55357;&#56832;`) pair up again.
  (text) =>
    text.replace(
      /&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos));?/gi,
      (_, decimal, hex, name) =>
        name
          ? { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name.toLowerCase() as "amp"]
          : fromCode(decimal ?? hex, decimal ? 10 : 16),
    ),
  // JSON string escapes: `\"`, `\/`, `\\`, `\u00e9`.
  (text) =>
    text.replace(
      /\\(?:u([\da-f]{4})|(.))/gis,
      (_, unit, other) => unit ? fromCode(unit, 16) : JSON_ESCAPES[other as "n"] ?? other,
    ),
];

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * Refuses a redirect answer from an endpoint that was called with `redirect: "manual"`:
 * following it would replay credentials to wherever the `Location` points (RFC 9700 §4.12).
 * An `opaqueredirect` (status 0, browsers) and a fetch that followed anyway are refused too.
 */
export async function refuseRedirect(response: Response, requestUrl: string, what: string) {
  const isRedirect = (response.status >= 300 && response.status < 400) ||
    response.type === "opaqueredirect" || response.redirected ||
    (response.url !== "" && response.url !== withoutFragment(requestUrl));
  if (!isRedirect) return;
  await response.body?.cancel();
  const location = response.headers.get("location");
  const target = location && URL.canParse(location, requestUrl)
    ? ` to ${new URL(location, requestUrl).origin}`
    : "";
  throw new OAuthError(
    "redirect_refused",
    `${what} answered with a redirect${target}; credentials are never sent on to another URL`,
    { status: response.status },
  );
}
