/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3,
 * RFC 7521/7523). Exactly one method per request: never the secret both in a header and the
 * body.
 *
 * @module
 */
import { randomBase64url } from "../_random.ts";
import { hs256Key, type JwsKey, signJwt } from "./_jwt_signing.ts";
import { formEncode } from "../_encoding.ts";

/** How the client proves its identity to the authorization server. */
export type ClientAuthentication =
  | "client_secret_basic"
  | "client_secret_post"
  | "client_secret_jwt"
  | "private_key_jwt"
  | "none";

/**
 * A client secret: the string the server issued, or a function that makes one for each
 * request (a provider whose secret is a short-lived JWT, as Sign in with Apple's).
 */
export type ClientSecret = string | (() => string | Promise<string>);

/**
 * The secret to send with one request: the string, or what the function makes now. What the
 * function answers must be a non-empty string (a `TypeError` otherwise, the caller's mistake).
 */
export async function currentSecret(secret: ClientSecret | undefined): Promise<string | undefined> {
  if (typeof secret !== "function") return secret;
  const made = await secret();
  if (typeof made !== "string" || made === "") {
    throw new TypeError("the clientSecret function must give a non-empty string");
  }
  return made;
}

/** Every supported client authentication method. */
export const CLIENT_AUTHENTICATION_METHODS: readonly ClientAuthentication[] = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "none",
];

/** What a method needs to authenticate a request. */
export interface ClientIdentity {
  method: ClientAuthentication;
  clientId: string;
  /** A string by the time `authenticateWithSecret` sees it; a function only in the client's. */
  clientSecret?: ClientSecret;
  /** The private key's signer, for `private_key_jwt`. */
  privateKey?: JwsKey;
  /** `aud` of client assertions: the issuer when known, else the endpoint (RFC 7523 §3). */
  audience: string;
  /** The current time in milliseconds. */
  now: number;
}

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// RFC 7523 §3 asks for a short-lived assertion; a minute covers clock skew and latency.
const ASSERTION_LIFETIME_SECONDS = 60;

/** Adds the client's authentication, any method, to a request's body or headers. */
export async function authenticateClient(
  identity: ClientIdentity,
  body: URLSearchParams,
  headers: Headers,
): Promise<string> {
  // A secret made per request (a JWT) is made once for this one, and answered for redaction.
  const clientSecret = await currentSecret(identity.clientSecret);
  if (identity.method !== "client_secret_jwt" && identity.method !== "private_key_jwt") {
    return authenticateWithSecret({ ...identity, clientSecret }, body, headers);
  }
  const signer = identity.method === "private_key_jwt"
    ? identity.privateKey!
    : await hs256Key(clientSecret ?? "");
  body.set("client_id", identity.clientId);
  body.set("client_assertion_type", ASSERTION_TYPE);
  body.set("client_assertion", await clientAssertion(identity, signer));
  return clientSecret ?? "";
}

/** A fresh client assertion (RFC 7523 §3): iss = sub = client id, one audience, a new jti. */
async function clientAssertion(identity: ClientIdentity, signer: JwsKey): Promise<string> {
  const iat = Math.floor(identity.now / 1000);
  return await signJwt(signer, {
    iss: identity.clientId,
    sub: identity.clientId,
    aud: identity.audience,
    jti: randomBase64url(32),
    iat,
    exp: iat + ASSERTION_LIFETIME_SECONDS,
  }, { typ: "JWT" });
}

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
 * headers or body. The JWT methods are `authenticateClient`'s, which never sends them here.
 */
export function authenticateWithSecret(
  identity: ClientIdentity,
  body: URLSearchParams,
  headers: Headers,
): string {
  const { method, clientId, clientSecret = "" } = identity as ClientIdentity & {
    clientSecret?: string;
  };
  if (method === "client_secret_basic") {
    headers.set("authorization", basicCredentials(clientId, clientSecret));
  } else {
    body.set("client_id", clientId);
    if (method === "client_secret_post") body.set("client_secret", clientSecret);
  }
  return clientSecret;
}
