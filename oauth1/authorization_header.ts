/**
 * The `Authorization: OAuth …` header of RFC 5849 §3.5.1.
 *
 * @module
 */
import { type ParameterList, percentEncode } from "../_encoding.ts";

/**
 * Writes a value as an HTTP quoted-string (RFC 9110 §5.6.4): `"` and `\` are escaped with a
 * backslash. Used for `realm`, which RFC 5849 §3.5.1 takes from RFC 2617 unencoded.
 */
function quotedString(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Renders protocol parameters as an `OAuth` credentials header (RFC 5849 §3.5.1): `realm`
 * first when given, then each parameter percent-encoded and quoted, separated by `, ` — the
 * exact bytes oauthlib writes for the same parameters.
 *
 * @example
 * ```ts
 * import { authorizationHeader } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   authorizationHeader([["oauth_consumer_key", "key"], ["oauth_signature", "a+b="]], "Photos"),
 *   'OAuth realm="Photos", oauth_consumer_key="key", oauth_signature="a%2Bb%3D"',
 * );
 * ```
 */
export function authorizationHeader(parameters: ParameterList, realm?: string): string {
  // Percent-encoded text has no `"` or `\`: only realm needs escaping.
  const parts = parameters.map(([name, value]) =>
    `${percentEncode(name)}="${percentEncode(value)}"`
  );
  if (realm) parts.unshift(`realm=${quotedString(realm)}`);
  return `OAuth ${parts.join(", ")}`;
}
