/**
 * The signature base string of RFC 5849 §3.4.1.
 *
 * @module
 */
import { type ParameterList, percentEncode } from "../_encoding.ts";

/**
 * The base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, the port only when it is
 * not the scheme's default, the path as sent, and neither query, fragment nor userinfo.
 *
 * @example
 * ```ts
 * import { baseStringUri } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   baseStringUri(new URL("HTTP://Example.COM:80/r%20v/X?id=123#top")),
 *   "http://example.com/r%20v/X",
 * );
 * ```
 */
export function baseStringUri(url: URL): string {
  // The URL parser already lower-cases scheme and host and drops a default port.
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Normalises request parameters (RFC 5849 §3.4.1.3.2): names and values are percent-encoded,
 * sorted by encoded name and then encoded value in byte order, duplicates kept, and joined as
 * `name=value` pairs with `&`.
 *
 * @example The parameters of RFC 5849 §3.4.1.3.2
 * ```ts
 * import { normalizeParameters } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   normalizeParameters([["b5", "=%3D"], ["a3", "a"], ["c@", ""], ["a2", "r b"], ["a3", "2 q"]]),
 *   "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=",
 * );
 * ```
 */
export function normalizeParameters(parameters: ParameterList): string {
  return sortedEncoded(parameters).map(([name, value]) => `${name}=${value}`).join("&");
}

/** Names and values percent-encoded, sorted by name and then value in byte order. */
function sortedEncoded(parameters: ParameterList): ParameterList {
  const encoded = parameters.map(([name, value]): [string, string] => [
    percentEncode(name),
    percentEncode(value),
  ]);
  return encoded.sort(byNameThenValue);
}

/** Byte order of encoded names, then of values: encoded strings are ASCII, so code-unit order. */
function byNameThenValue(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * The signature base string (RFC 5849 §3.4.1.1): the upper-cased method, the base string URI
 * and the normalised parameters, each percent-encoded, joined by `&`.
 *
 * @example
 * ```ts
 * import { signatureBaseString } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   signatureBaseString("get", new URL("https://api.example.com/items?a=1"), [["a", "1"]]),
 *   "GET&https%3A%2F%2Fapi.example.com%2Fitems&a%3D1",
 * );
 * ```
 */
export function signatureBaseString(method: string, url: URL, parameters: ParameterList): string {
  // The normalised parameters are percent-encoded as they are joined: every name and value is
  // encoded already, so only its `%` needs encoding again, and `=` and `&` are written encoded.
  let base = `${percentEncode(method.toUpperCase())}&${percentEncode(baseStringUri(url))}&`;
  let separator = "";
  for (const [name, value] of sortedEncoded(parameters)) {
    base += `${separator}${encodePercent(name)}%3D${encodePercent(value)}`;
    separator = "%26";
  }
  return base;
}

/** `%` written as `%25`: the percent-encoding of text that is percent-encoded already. */
function encodePercent(encoded: string): string {
  return encoded.includes("%") ? encoded.replaceAll("%", "%25") : encoded;
}
