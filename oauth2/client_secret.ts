/**
 * Client authentication without JWTs (RFC 6749 §2.3.1): Basic credentials, the secret in the
 * body, or the client id alone for a public client. Kept apart from the JWT methods so that a
 * bundle that uses only these carries no JWS code.
 *
 * @module
 */
import { formEncode } from "../_encoding.ts";
import type { ClientIdentity } from "./client_auth.ts";

/**
 * The Basic credentials of RFC 6749 §2.3.1: the client id and secret are each form-encoded
 * first, then joined by `:` and base64-encoded.
 *
 * @example The encoding RFC 6749 §2.3.1 asks for
 * ```ts
 * import { basicCredentials } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(basicCredentials("a b", "p:w%+"), "Basic " + btoa("a+b:p%3Aw%25%2B"));
 * ```
 */
export function basicCredentials(clientId: string, clientSecret: string): string {
  // Form encoding leaves only ASCII, which `btoa` takes as the UTF-8 bytes it is.
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/**
 * Adds `client_secret_basic`, `client_secret_post` or `none` authentication to a request's
 * headers or body. The JWT methods are `authenticateClient`'s.
 */
export function authenticateWithSecret(
  identity: ClientIdentity,
  body: URLSearchParams,
  headers: Headers,
): void {
  const { method, clientId, clientSecret = "" } = identity;
  if (method === "client_secret_basic") {
    headers.set("authorization", basicCredentials(clientId, clientSecret));
  } else if (method === "client_secret_post" || method === "none") {
    body.set("client_id", clientId);
    if (method === "client_secret_post") body.set("client_secret", clientSecret);
  } else {
    // The JWT methods sign client assertions: `authenticateClient` handles them.
    throw new TypeError(`clientAuthentication ${method} needs OAuth2Client`);
  }
}
