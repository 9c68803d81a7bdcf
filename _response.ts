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
 * secret (`sensitive`) are cut out first, in every spelling a server might echo them in.
 */
export function excerpt(text: string, sensitive: readonly string[] = []): string {
  let clean = text;
  for (const value of sensitive) {
    // Real secrets are long; cutting short values would mangle ordinary words.
    if (value.length < 8) continue;
    for (const spelling of new Set([value, encodeURIComponent(value), formEncode(value)])) {
      clean = clean.split(spelling).join("[redacted]");
    }
  }
  return clean.length > MAX_EXCERPT_CHARS ? clean.slice(0, MAX_EXCERPT_CHARS) : clean;
}

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
