/**
 * OAuth 1.0a (RFC 5849): the {@linkcode OAuth1Client} and the pure functions it is built from,
 * exported for debugging signatures against a provider's documentation.
 *
 * @example
 * ```ts
 * import { OAuth1Client } from "@x/oauth/oauth1";
 *
 * const client = new OAuth1Client({ clientKey: "key", clientSecret: "secret" });
 * const signed = await client.sign(new Request("https://api.example/search?q=oauth"));
 * console.log(signed.headers.get("authorization"));
 * ```
 *
 * @module
 */
export { OAuth1Client, type OAuth1ClientOptions } from "./client.ts";
export type { FetchLike } from "./options.ts";
export type { ParameterList } from "../_encoding.ts";
export type {
  OAuth1AuthorizationResponse,
  OAuth1Token,
  SignatureMethod,
  SignatureType,
} from "./types.ts";
export { baseStringUri, normalizeParameters, signatureBaseString } from "./base_string.ts";
export { authorizationHeader } from "./authorization_header.ts";
export { SIGNATURE_METHODS, signingKey } from "./signature_methods.ts";
