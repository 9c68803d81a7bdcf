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
