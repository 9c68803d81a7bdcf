/**
 * Percent-encoding (RFC 3986), form decoding and base64 shared by both protocol
 * versions. Internal: not part of the public API.
 *
 * @module
 */

const RESERVED_BY_RFC3986_BUT_NOT_BY_ECMASCRIPT = /[!'()*]/g;
const HAS_RESERVED_BY_RFC3986_BUT_NOT_BY_ECMASCRIPT = /[!'()*]/;
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

function hexEscape(character: string): string {
  return "%" + character.charCodeAt(0).toString(16).toUpperCase();
}

/**
 * Encodes a string as RFC 3986 §2.1 requires for OAuth (RFC 5849 §3.6): every byte of its UTF-8
 * form is written as `%XX` with upper-case hex, except the unreserved `A-Z a-z 0-9 - . _ ~`.
 * A lone surrogate is replaced by U+FFFD, as the URL standard does.
 */
export function percentEncode(value: string): string {
  // Most OAuth values (keys, nonces, timestamps, tokens) need no encoding at all.
  if (UNRESERVED_ONLY.test(value)) return value;
  const encoded = encodeURIComponent(value.isWellFormed() ? value : value.toWellFormed());
  return HAS_RESERVED_BY_RFC3986_BUT_NOT_BY_ECMASCRIPT.test(encoded)
    ? encoded.replace(RESERVED_BY_RFC3986_BUT_NOT_BY_ECMASCRIPT, hexEscape)
    : encoded;
}

/** A list of name/value pairs that keeps order and duplicates. */
export type ParameterList = Array<[name: string, value: string]>;

/**
 * Decodes an `application/x-www-form-urlencoded` string (a URL query or a form body) once:
 * `+` is a space, `%XX` sequences are UTF-8 bytes, a bare name has an empty value.
 */
export function decodeForm(encoded: string): ParameterList {
  const start = encoded.startsWith("?") ? 1 : 0;
  const parameters: ParameterList = [];
  for (const pair of encoded.slice(start).split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? "" : pair.slice(equals + 1);
    const decodedName = decodeFormComponent(name);
    const decodedValue = decodeFormComponent(value);
    // A broken escape or invalid UTF-8: let the URL standard's lenient decoder decide.
    if (decodedName === undefined || decodedValue === undefined) {
      return [...new URLSearchParams(encoded)];
    }
    parameters.push([decodedName, decodedValue]);
  }
  return parameters;
}

function decodeFormComponent(component: string): string | undefined {
  const spaced = component.includes("+") ? component.replaceAll("+", " ") : component;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** Encodes pairs as `name=value` joined by `&`, both parts RFC 3986-encoded. */
export function encodeParameters(parameters: ParameterList): string {
  return parameters.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
}

/**
 * Appends parameters to a URL's query without re-encoding what is already there, so the
 * caller's query reaches the server byte for byte.
 */
export function appendQueryParameters(url: URL, parameters: ParameterList): URL {
  const extra = encodeParameters(parameters);
  const result = new URL(url.href);
  if (extra === "") return result;
  result.search = result.search.length > 1 ? `${result.search.slice(1)}&${extra}` : extra;
  return result;
}

/**
 * Appends parameters to a URL's query in the `application/x-www-form-urlencoded` format (a space
 * is `+`), as RFC 6749 Appendix B asks of an authorization request, leaving the query already
 * there byte for byte as `appendQueryParameters` does.
 */
export function appendFormParameters(url: URL, parameters: ParameterList): URL {
  const extra = new URLSearchParams(parameters).toString();
  const result = new URL(url.href);
  if (extra !== "") {
    result.search = result.search.length > 1 ? `${result.search.slice(1)}&${extra}` : extra;
  }
  return result;
}

/** The lower-cased media type of a `Content-Type` value, without its parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";", 1)[0].trim().toLowerCase();
}

/**
 * Encodes one value as `application/x-www-form-urlencoded` does (a space is `+`), which is how
 * RFC 6749 §2.3.1 wants the client id and secret before Basic authentication.
 */
export function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

/**
 * Base64 with padding (RFC 4648 §4), on the platform's `btoa`: every runtime has it, and it
 * keeps a general-purpose encoder out of signing and token-request bundles.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64url without padding (RFC 4648 §5), as PKCE and JWS use it (RFC 7636 §4.2). */
export function encodeBase64urlNoPadding(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}

// RFC 4648 §4: groups of four, the last one possibly padded with one or two `=`; §5 without
// padding: a last group of one character encodes no byte. The last character of a short group
// carries bits that encode nothing (4 of them after one byte, 2 after two), and §3.5 lets a
// decoder refuse them when they are not zero: we do, so that one byte string has one encoding.
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;
const BASE64URL_NO_PADDING =
  /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;

function bytesOf(binary: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Decodes base64 with its padding (RFC 4648 §4), or returns `undefined` when the text is not
 * exactly that: no whitespace, no missing or misplaced `=`, no character outside the alphabet,
 * no stray bits in the last character.
 * The platform's `atob` is forgiving (it skips whitespace and allows missing padding), so the
 * text is checked first and `atob` sees only what it must decode.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  return BASE64.test(text) ? bytesOf(atob(text)) : undefined;
}

/** Decodes base64url without padding (RFC 4648 §5), or returns `undefined` as `decodeBase64` does. */
export function decodeBase64urlNoPadding(text: string): Uint8Array<ArrayBuffer> | undefined {
  return BASE64URL_NO_PADDING.test(text)
    ? bytesOf(atob(text.replaceAll("-", "+").replaceAll("_", "/")))
    : undefined;
}
