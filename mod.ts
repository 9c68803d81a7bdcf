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
// From the files, not from oauth1/mod.ts: that entry also exports the standalone signers, and
// a bundle split into chunks would put the signing code they share with OAuth1Client in a chunk
// the root loads, although the client loads it only on first use.
export { OAuth1Client } from "./oauth1/client.ts";
export type { FetchLike, OAuth1ClientOptions } from "./oauth1/options.ts";
export type {
  OAuth1AuthorizationResponse,
  OAuth1Token,
  SignatureMethod,
  SignatureType,
} from "./oauth1/types.ts";
// From the files, not from oauth2/mod.ts, for the same reason: that entry also exports
// discovery, profiles and the WWW-Authenticate parser, which OAuth2Client loads on first use.
export { OAuth2Client } from "./oauth2/client.ts";
export { MemoryTokenStore, type TokenLease, type TokenStore } from "./oauth2/token_store.ts";
export type { OAuth2ClientOptions, TokenPlacement } from "./oauth2/options.ts";
export type { ClientAuthentication } from "./oauth2/client_auth.ts";
export type { EndSessionParams } from "./oauth2/logout.ts";
export type {
  AuthorizationRequest,
  AuthorizationUrlParams,
  IntrospectionResponse,
  Token,
  TokenRequest,
} from "./oauth2/types.ts";
export { compose, type Hooks, type RequestHook, type ResponseHook } from "./_hooks.ts";
