/**
 * Provider presets: `google({ clientId, clientSecret })` and the like return the options of
 * `OAuth2Client` (or, for OAuth 1.0a providers, of `OAuth1Client` with the provider's three
 * URLs) with the provider's endpoints, default scope, client authentication, PKCE and fixes,
 * each citing the provider's documentation. The same value works in `new OAuth2Client(…)`,
 * `OAuth2Client.discover(…)` and `OAuthRegistry.register(…)`.
 *
 * @module
 */
export type { OAuth2Preset, PresetOptions } from "./_preset.ts";
export type {
  AuthorizationServerMetadata,
  ClientAuthentication,
  CrossOriginRedirect,
  FetchLike,
  OAuth2ClientOptions,
  PkceMethod,
  Token,
  TokenLease,
  TokenPlacement,
  TokenStore,
} from "../oauth2/mod.ts";
export type { Hooks, RequestHook, ResponseHook } from "../_hooks.ts";
