/**
 * `@x/oauth/web`: a provider registry with login, callback and API calls for
 * `Request → Response` handlers, on sealed cookies.
 *
 * @example
 * ```ts
 * import { OAuthRegistry } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const oauth = new OAuthRegistry({ secret: "a long secret for sealing the login cookies" });
 * oauth.register("github", {
 *   clientId: "app",
 *   authorizationEndpoint: "https://github.com/login/oauth/authorize",
 *   tokenEndpoint: "https://github.com/login/oauth/access_token",
 *   apiBaseUrl: "https://api.github.com/",
 * });
 * assert.equal(oauth.client("github").isOAuth1, false);
 * ```
 *
 * @module
 */
export {
  MemoryLoginStore,
  type MemoryLoginStoreOptions,
  OAuthRegistry,
  type OAuthRegistryOptions,
  type ProviderKinds,
  type RegisterOptions,
} from "./registry.ts";
export {
  DenoKvLoginStore,
  type DenoKvLoginStoreOptions,
  DurableObjectLoginStore,
  type LoginKvAtomicLike,
  type LoginKvLike,
  LoginStoreObject,
  type LoginStoreStateLike,
  RedisLoginStore,
} from "./login_stores.ts";
export type { KvKey } from "../stores/deno_kv.ts";
export type { DurableObjectNamespaceLike } from "../stores/durable_object.ts";
export {
  type AuthorizedLogin,
  type CallInit,
  type LoginStore,
  type LogoutRedirectOptions,
  type ProfileRequestOptions,
  type RegistryContext,
  RemoteApp,
  type UserinfoOptions,
} from "./remote_app.ts";
export type {
  ConfigFor,
  OAuth1ProviderConfig,
  OAuth1ProviderOptions,
  OAuth2ProviderConfig,
  ProviderConfig,
  RegistryManagedOption,
  RegistryOptions,
  TokenOf,
} from "./provider_config.ts";
export { MAX_PENDING_LOGINS } from "./pending_logins.ts";
export { defaultErrorPage } from "./error_response.ts";
export { CookieSealer, readCookie, setCookie, type SetCookieOptions } from "./cookies.ts";
export type {
  AuthorizationUrlParams,
  IdTokenClaims,
  Profile,
  ProfileReader,
  Token,
} from "../oauth2/mod.ts";
export type { Hooks, RequestHook, ResponseHook } from "../_hooks.ts";
export type { OAuth1Token } from "../oauth1/mod.ts";
export { OAuthError, type OAuthErrorCode, OAuthResponseError } from "../errors.ts";
