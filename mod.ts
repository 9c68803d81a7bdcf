/**
 * `@x/oauth`: OAuth 1.0a and OAuth 2.0 clients on web standards (`Request`, `Response`,
 * `fetch`, `URL`, `crypto.subtle`), for Deno, Node, Bun, Cloudflare Workers and browsers.
 *
 * @example Sign a request with OAuth 1.0a
 * ```ts
 * import { OAuth1Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth1Client({
 *   clientKey: "key",
 *   clientSecret: "secret",
 *   token: "token",
 *   tokenSecret: "token-secret",
 * });
 * const signed = await client.sign(new Request("https://api.example/statuses?count=5"));
 * assert.match(signed.headers.get("authorization")!, /oauth_signature="[^"]+"/);
 * ```
 *
 * @module
 */
export {
  type OAuthClientErrorCode,
  OAuthError,
  type OAuthErrorCode,
  type OAuthErrorOptions,
  OAuthResponseError,
  type OAuthServerErrorCode,
} from "./errors.ts";
export { SecretFree } from "./_inspect.ts";
export type { CrossOriginRedirect } from "./_redirects.ts";
export type { OAuthResponseErrorInit } from "./errors.ts";
export {
  type FetchLike,
  type OAuth1AuthorizationResponse,
  OAuth1Client,
  type OAuth1ClientOptions,
  type OAuth1Token,
  type SignatureMethod,
  type SignatureType,
} from "./oauth1/mod.ts";
export {
  type AuthorizationRequest,
  type AuthorizationUrlParams,
  type ClientAuthentication,
  type EndSessionParams,
  type IntrospectionResponse,
  MemoryTokenStore,
  OAuth2Client,
  type OAuth2ClientOptions,
  type Token,
  type TokenLease,
  type TokenPlacement,
  type TokenRequest,
  type TokenStore,
} from "./oauth2/mod.ts";
export { compose, type Hooks, type RequestHook, type ResponseHook } from "./_hooks.ts";
