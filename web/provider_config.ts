/**
 * What a provider's configuration of an {@linkcode OAuthRegistry} may hold, and how it is
 * checked before it is registered: a client's own options (an `@x/oauth/providers` preset as
 * it is) but those the registry sets itself, plus the registry's `apiBaseUrl` and
 * `serverMetadataUrl`; `requestTokenUrl` makes it an OAuth 1.0a provider.
 *
 * @module
 */
import type { OAuth1ClientOptions, OAuth1Token } from "../oauth1/mod.ts";
import type { OAuth2ClientOptions, Token } from "../oauth2/mod.ts";

/**
 * The `OAuth2Client` options a registry sets itself, so a configuration leaves them out: each
 * user's `token` comes from the session (`fetchToken`) and goes back to it (`updateToken`, in
 * place of `onTokenUpdated`), so there is no per-provider `store`; each login gives its
 * `redirectUri` (`authorizeRedirect`'s; a configuration's `redirectUri`, as a preset may carry,
 * is only its default); `fetch` and `now` are the registry's.
 */
export type RegistryManagedOption =
  | "token"
  | "store"
  | "onTokenUpdated"
  | "fetch"
  | "now"
  | "redirectUri";

/** What a registry's configuration adds to a client's options, for either protocol. */
export interface RegistryOptions {
  /**
   * Relative API paths (`client.get("user")`) are resolved against it, as `new URL(path,
   * apiBaseUrl)` does; without it, only full URLs can be called.
   */
  apiBaseUrl?: string;
  /**
   * OAuth 2.0: the issuer to discover (RFC 8414 / OpenID Connect), or its metadata URL
   * (`…/.well-known/openid-configuration`), as Authlib's `server_metadata_url`; the
   * configuration's own endpoints win over the metadata's.
   */
  serverMetadataUrl?: string;
}

/**
 * An OAuth 2.0 provider: the options of `OAuth2Client` (what a preset of
 * `@x/oauth/providers` returns) but those the registry sets itself
 * ({@linkcode RegistryManagedOption}; a `redirectUri` is a default for the logins), plus
 * `apiBaseUrl` and `serverMetadataUrl`.
 */
export interface OAuth2ProviderConfig
  extends
    Omit<OAuth2ClientOptions, Exclude<RegistryManagedOption, "redirectUri">>,
    RegistryOptions {
  /** Only OAuth 1.0a providers have it. */
  requestTokenUrl?: undefined;
}

/**
 * An OAuth 1.0a provider's options but its consumer key, with its three URLs: the
 * `OAuth1Client` options but those the registry sets per login or session (the token
 * credentials, verifier, callback and `fetch`).
 */
export interface OAuth1ProviderOptions extends
  Omit<
    OAuth1ClientOptions,
    | "clientKey"
    | "token"
    | "tokenSecret"
    | "verifier"
    | "fetch"
    | "requestTokenUrl"
    | "authorizeUrl"
    | "accessTokenUrl"
  >,
  RegistryOptions {
  /** Where temporary credentials come from (RFC 5849 §2.1): makes the provider OAuth 1.0a. */
  requestTokenUrl: string;
  /** Where the user authorizes (RFC 5849 §2.2). */
  authorizeUrl: string;
  /** Where token credentials come from (RFC 5849 §2.3). */
  accessTokenUrl: string;
}

/**
 * An OAuth 1.0a provider: the options of `OAuth1Client` (`clientKey`, or `clientId` as OAuth
 * 2.0 names it; `signatureMethod`, `privateKey`, `realm`, `hooks`, …) but those the registry
 * sets per login or session (the token credentials, verifier and `fetch`), with the three URLs
 * of RFC 5849 §2, plus `apiBaseUrl`. A `callbackUri` is `authorizeRedirect`'s default.
 */
export type OAuth1ProviderConfig =
  & OAuth1ProviderOptions
  & (
    | { /** The consumer key (RFC 5849 §3.1). */ clientKey: string; clientId?: undefined }
    | { /** The consumer key, by OAuth 2.0's name. */ clientId: string; clientKey?: undefined }
  );

/** How to reach one provider: `requestTokenUrl` makes it an OAuth 1.0a provider. */
export type ProviderConfig = OAuth2ProviderConfig | OAuth1ProviderConfig;

/**
 * The token a provider's logins give, by its configuration's type: `OAuth1Token` with a
 * `requestTokenUrl`, `Token` without one, and either when the type cannot tell (a
 * `ProviderConfig`, which may be either).
 */
export type TokenOf<Config extends ProviderConfig> = Config extends { requestTokenUrl: string }
  ? OAuth1Token
  // With `clientId`, not an all-optional ("weak") type, to which a config without
  // `requestTokenUrl` would not be assignable.
  : Config extends { clientId: string; requestTokenUrl?: undefined } ? Token
  : Token | OAuth1Token;

/** The configurations of a provider whose logins give `T`: the converse of {@linkcode TokenOf}. */
export type ConfigFor<T extends Token | OAuth1Token> = [T] extends [OAuth1Token]
  ? OAuth1ProviderConfig
  : [T] extends [Token] ? OAuth2ProviderConfig
  : ProviderConfig;

// The configuration's members that are the registry's, never a client's option.
export const REGISTRY_ONLY = ["apiBaseUrl", "serverMetadataUrl"];

/** `object` without the members `names` and those that are `undefined`. */
export function without(object: object, names: string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([name, value]) => value !== undefined && !names.includes(name)),
  );
}

/** The client id (OAuth 2.0) or consumer key (OAuth 1.0a) of a configuration. */
export function clientIdOf(config: ProviderConfig): string | undefined {
  return config.requestTokenUrl === undefined
    ? config.clientId
    : config.clientKey ?? config.clientId;
}

// What each protocol's client is given by the registry itself, per login or session.
const MANAGED_OAUTH2 = ["token", "store", "onTokenUpdated", "fetch", "now"];
const MANAGED_OAUTH1 = ["token", "tokenSecret", "verifier", "fetch"];

/**
 * Checks a configuration before it is registered: a client id (or, for OAuth 1.0a, a consumer
 * key, by either name but not both), and none of the options the registry sets itself.
 */
export function checkProviderConfig(name: string, config: ProviderConfig): void {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`${name}'s configuration must be an object`);
  }
  const oauth1 = config.requestTokenUrl !== undefined;
  if (oauth1 && config.clientKey !== undefined && config.clientId !== undefined) {
    throw new TypeError(`${name} has clientKey and clientId: give the consumer key once`);
  }
  const id = clientIdOf(config);
  if (typeof id !== "string" || id === "") {
    throw new TypeError(`${name} needs a ${oauth1 ? "clientKey (or clientId)" : "clientId"}`);
  }
  // RFC 5849 §2: an OAuth 1.0a provider is its three URLs.
  for (const url of oauth1 ? ["authorizeUrl", "accessTokenUrl"] as const : []) {
    if (typeof (config as OAuth1ProviderConfig)[url] !== "string") {
      throw new TypeError(`${name} needs ${url}, as an OAuth 1.0a provider`);
    }
  }
  const managed = (oauth1 ? MANAGED_OAUTH1 : MANAGED_OAUTH2).find((option) =>
    (config as unknown as Record<string, unknown>)[option] !== undefined
  );
  if (managed !== undefined) {
    throw new TypeError(
      `${name} has ${managed}, which the registry sets itself for each login and session (fetchToken, updateToken, and the registry's fetch and now)`,
    );
  }
}
