/**
 * Types of the OAuth 1.0a client.
 *
 * @module
 */

/** The signature methods of RFC 5849 §3.4 and the SHA-2 variants that oauthlib also signs. */
export type SignatureMethod =
  | "HMAC-SHA1"
  | "HMAC-SHA256"
  | "HMAC-SHA512"
  | "RSA-SHA1"
  | "RSA-SHA256"
  | "RSA-SHA512"
  | "PLAINTEXT";

/**
 * Where the protocol parameters go (RFC 5849 §3.5): the `Authorization` header, the URL query,
 * or a form-encoded body.
 */
export type SignatureType = "header" | "query" | "body";

/**
 * Credentials as the server sent them (RFC 5849 §2.1, §2.3): `oauth_token` and
 * `oauth_token_secret`, plus any other parameters of the response (for example `user_id`), as
 * strings. The same shape requests-oauthlib returns, so stored tokens move between the two.
 *
 * @example Resuming with a token stored earlier (here by requests-oauthlib)
 * ```ts
 * import { OAuth1Client, type OAuth1Token } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const stored: OAuth1Token = JSON.parse('{"oauth_token":"t","oauth_token_secret":"s","user_id":"42"}');
 * const client = new OAuth1Client({ clientKey: "key", token: stored.oauth_token, tokenSecret: stored.oauth_token_secret });
 * assert.ok(client.authorized);
 * assert.equal(client.token?.oauth_token_secret, "s");
 * ```
 */
export interface OAuth1Token {
  /** The token identifier. */
  oauth_token: string;
  /** The token shared secret. */
  oauth_token_secret: string;
  /** Other parameters of the server's response. */
  [parameter: string]: string;
}

/** What the authorization redirect carried back (RFC 5849 §2.2). */
export interface OAuth1AuthorizationResponse {
  /** The temporary credentials identifier, checked against the one the client holds. */
  oauth_token: string;
  /** The verification code that `fetchAccessToken` sends. */
  oauth_verifier: string;
}
