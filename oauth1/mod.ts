/**
 * OAuth 1.0a (RFC 5849): the {@linkcode OAuth1Client} and the pure functions it is built from,
 * exported for debugging signatures against a provider's documentation.
 *
 * @example
 * ```ts
 * import { OAuth1Client, signatureBaseString } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth1Client({ clientKey: "key", clientSecret: "secret" });
 * const signed = await client.sign(new Request("https://api.example/search?q=oauth"));
 * assert.match(signed.headers.get("authorization")!, /^OAuth oauth_nonce="/);
 *
 * // The base string a provider's documentation shows can be rebuilt to compare:
 * const base = signatureBaseString("GET", new URL("https://api.example/search?q=oauth"), [["q", "oauth"]]);
 * assert.equal(base, "GET&https%3A%2F%2Fapi.example%2Fsearch&q%3Doauth");
 * ```
 *
 * @module
 */
export { OAuth1Client } from "./client.ts";
export {
  oauth1AuthorizationHeader,
  signOAuth1Request,
  type SignOAuth1RequestOptions,
} from "./sign.ts";
export type { FetchLike, OAuth1ClientOptions } from "./options.ts";
export type { ParameterList } from "../_encoding.ts";
export type {
  OAuth1AuthorizationResponse,
  OAuth1Token,
  SignatureMethod,
  SignatureType,
} from "./types.ts";
export { baseStringUri, normalizeParameters, signatureBaseString } from "./base_string.ts";
export { authorizationHeader } from "./authorization_header.ts";
export { type HmacMethod, signingKey } from "./signature_methods.ts";
export { SIGNATURE_METHODS } from "./method_names.ts";
export type { CrossOriginRedirect } from "../_redirects.ts";
