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
  const reader = response.body?.getReader();
  // Decoding chunk by chunk keeps no copy of the bytes; `stream` keeps a UTF-8 sequence split
  // between two chunks whole.
  const decoder = new TextDecoder();
  let text = "";
  // A larger declared length is too much before anything is read.
  let total = Number(response.headers.get("content-length")) > maxBytes ? Infinity : 0;
  while (total <= maxBytes) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) return text + decoder.decode();
    total += chunk.value.byteLength;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader?.cancel();
  throw new OAuthError(
    "response_too_large",
    `expected a response body of at most ${maxBytes} bytes, got more`,
    { status: response.status },
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
      // `\b \f \n \r \t` are control characters; any other escaped character stands for itself.
      (_, unit, other) => unit ? fromCode(unit, 16) : "\b\f\n\r\t"["bfnrt".indexOf(other)] ?? other,
    ),
];

/**
 * Refuses a redirect answer from an endpoint that was called with `redirect: "manual"`:
 * following it would replay credentials to wherever the `Location` points (RFC 9700 §4.12).
 * An `opaqueredirect` (status 0, browsers) and a fetch that followed anyway are refused too.
 */
export async function refuseRedirect(response: Response, requestUrl: string, what: string) {
  const isRedirect = (response.status >= 300 && response.status < 400) ||
    response.type === "opaqueredirect" || response.redirected ||
    // `Response.url` never has a fragment.
    (response.url !== "" && response.url !== requestUrl.split("#", 1)[0]);
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
