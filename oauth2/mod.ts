/**
 * OAuth 2.0 (RFC 6749 and its extensions): the {@linkcode OAuth2Client} and the pure functions
 * it is built from.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   token: { access_token: "at", token_type: "Bearer" },
 * });
 * const signed = await client.sign(new Request("https://api.example/me"));
 * assert.equal(signed.headers.get("authorization"), "Bearer at");
 * ```
 *
 * @module
 */
export { OAuth2Client, type OAuth2ClientOptions, type WithSignal } from "./client.ts";
export type { IdTokenClaims } from "./id_token.ts";
export type { EndSessionParams } from "./logout.ts";
export {
  type Profile,
  type ProfileContext,
  profileFromClaims,
  type ProfileOptions,
  type ProfileReader,
} from "./profile.ts";
export type { DeviceAuthorization, DeviceAuthorizationParams, PollOptions } from "./device.ts";
export type { TokenPlacement } from "./options.ts";
export {
  type AuthorizationServerMetadata,
  clearDiscoveryCache,
  discoverMetadata,
  type DiscoveryOptions,
  type WellKnown,
  wellKnownUrl,
} from "./discovery.ts";
export {
  type CodeExchange,
  type CodeFlowOptions,
  createAuthorizationUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
} from "./code_flow.ts";
export type {
  AuthorizationCodeGrant,
  AuthorizationRequest,
  AuthorizationResponseGrant,
  AuthorizationUrlParams,
  ClientCredentialsGrant,
  DeviceCodeGrant,
  ExtensionGrant,
  ExtensionGrantType,
  GrantOptions,
  IntrospectionResponse,
  JwtBearerGrant,
  KnownGrant,
  NamedGrant,
  PasswordGrant,
  RefreshTokenGrant,
  Saml2BearerGrant,
  Token,
  TokenExchangeGrant,
  TokenRequest,
} from "./types.ts";
export { basicCredentials, type ClientAuthentication, type ClientSecret } from "./client_auth.ts";
export { MemoryTokenStore, type TokenLease, type TokenStore } from "./token_store.ts";
export { codeChallenge, generateCodeVerifier, type PkceMethod } from "./authorization.ts";
export { DEVICE_CODE_GRANT, JWT_BEARER, TOKEN_EXCHANGE, TOKEN_TYPES } from "./grants.ts";
export { type FragmentOptions, readCallback } from "./callback.ts";
export { type Challenge, parseWwwAuthenticate } from "./www_authenticate.ts";
export type { CrossOriginRedirect } from "../_redirects.ts";
export type { FetchLike } from "../_send.ts";
