/**
 * One registered provider of an {@linkcode OAuthRegistry}: login and callback for
 * `Request → Response` handlers, and API calls with the user's token. OAuth 2.0 or OAuth 1.0a,
 * chosen by the configuration.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { OAuthError } from "../errors.ts";
import type { Hooks } from "../_hooks.ts";
import { OAuth1Client, type OAuth1Token } from "../oauth1/mod.ts";
import {
  type AuthorizationUrlParams,
  type IdTokenClaims,
  OAuth2Client,
  type OAuth2ClientOptions,
  type Token,
} from "../oauth2/mod.ts";
import type { CookieSealer } from "./cookies.ts";
import { noteCallbackError, noteCallError } from "./error_response.ts";
import {
  cookiesDroppedBy,
  endedLoginCookie,
  LOGIN_SECONDS,
  loginAnswered,
  newLoginId,
  type PendingLogin,
  pendingLoginCookie,
  pendingLogins,
  type Transaction,
} from "./pending_logins.ts";
import { checkedUserinfo, expectedSubject } from "./userinfo.ts";

/** How to reach one provider. `requestTokenUrl` makes it an OAuth 1.0a provider. */
export interface ProviderConfig {
  /** The client id (OAuth 2.0) or consumer key (OAuth 1.0a). */
  clientId: string;
  /** The client secret or consumer secret. */
  clientSecret?: string;
  /** OAuth 2.0: where users authorize, unless `serverMetadataUrl` is given. */
  authorizationEndpoint?: string;
  /** OAuth 2.0: where codes and refresh tokens are redeemed, unless discovered. */
  tokenEndpoint?: string;
  /** OpenID Connect: the userinfo endpoint `userinfo()` asks, unless discovered. */
  userinfoEndpoint?: string;
  /** OAuth 2.0: the issuer, for `iss` and ID tokens, unless discovered. */
  issuer?: string;
  /**
   * The issuer to discover (RFC 8414 / OpenID Connect), or its metadata URL
   * (`…/.well-known/openid-configuration`), as Authlib's `server_metadata_url`.
   */
  serverMetadataUrl?: string;
  /** The scope to ask for. */
  scope?: string | string[];
  /**
   * Relative API paths (`client.get("user")`) are resolved against it, as `new URL(path,
   * apiBaseUrl)` does; without it, only full URLs can be called.
   */
  apiBaseUrl?: string;
  /** Provider fixes (`@x/oauth/hooks`). */
  hooks?: Hooks | Hooks[];
  /** OAuth 1.0a: where temporary credentials come from; makes the provider OAuth 1.0a. */
  requestTokenUrl?: string;
  /** OAuth 1.0a: where the user authorizes. */
  authorizeUrl?: string;
  /** OAuth 1.0a: where token credentials come from. */
  accessTokenUrl?: string;
  /**
   * Security relevant: allow this provider's `http:` endpoints and API beyond loopback (a
   * docker-compose Keycloak, say). Default `false`. For development only.
   */
  allowInsecureRequests?: boolean;
}

/**
 * The token a provider's logins give, by its configuration's type: `OAuth1Token` with a
 * `requestTokenUrl`, `Token` without one, and either when the type cannot tell (a
 * `ProviderConfig` whose `requestTokenUrl` is optional).
 */
export type TokenOf<Config extends ProviderConfig> = Config extends { requestTokenUrl: string }
  ? OAuth1Token
  // With `clientId`, not an all-optional ("weak") type, to which a config without
  // `requestTokenUrl` would not be assignable.
  : Config extends { clientId: string; requestTokenUrl?: undefined } ? Token
  : Token | OAuth1Token;

/** The configurations of a provider whose logins give `T`: the converse of {@linkcode TokenOf}. */
export type ConfigFor<T extends Token | OAuth1Token> = [T] extends [OAuth1Token]
  ? ProviderConfig & { requestTokenUrl: string }
  : [T] extends [Token] ? ProviderConfig & { requestTokenUrl?: undefined }
  : ProviderConfig;

/**
 * Remembers the logins already finished, so that a login cookie sent again (stolen with its
 * callback URL) is refused before the provider sees the code a second time.
 */
export interface LoginStore {
  /** `true` the first time `id` is consumed; `false` ever after, at least until `expiresAt`. */
  consume(id: string, expiresAt: number): Promise<boolean>;
}

/** What a registry shares with its providers. */
export interface RegistryContext {
  /** Logins already finished, when the app keeps them. */
  store?: LoginStore;
  /** Seals the login cookies. */
  sealer: CookieSealer;
  /** The clock in milliseconds. */
  now: () => number;
  /** The `fetch` to reach providers with. */
  fetch?: (request: Request) => Promise<Response>;
  /** The user's token for a provider, from the app's session. */
  fetchToken?: (name: string, request: Request) => Promise<Token | OAuth1Token | undefined>;
  /** Called with a refreshed token, for the app's session. */
  updateToken?: (name: string, token: Token, request: Request) => void | Promise<void>;
}

/** What the callback gives: the token, the ID token's claims, and the headers to send. */
export interface AuthorizedLogin<T = Token | OAuth1Token> {
  /** The token (OAuth 2.0) or token credentials (OAuth 1.0a). */
  token: T;
  /** For OpenID Connect logins: the validated ID token's claims. */
  claims?: IdTokenClaims;
  /** Add these to your response: they clear this login's cookie. */
  headers: Headers;
}

/** What an API call is given besides `fetch`'s own options. */
export type CallInit = RequestInit & {
  /** The app's request, for `fetchToken` and `updateToken` to find the session by. */
  request: Request;
};

/** Options of {@linkcode RemoteApp.userinfo}. */
export interface UserinfoOptions {
  /** The app's request, for `fetchToken` and `updateToken` to find the session by. */
  request: Request;
  /**
   * The `sub` of the login's ID token (`claims.sub`), when the session's token holds no
   * `id_token`; the answer's `sub` must be it.
   */
  sub?: string;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/**
 * A registered provider; `T` is the token its logins give, `Token` (OAuth 2.0) or
 * `OAuth1Token` (OAuth 1.0a). Its `config` holds the client secret: `String(app)`,
 * `JSON.stringify(app)` and inspecting it show only its name, client id and protocol.
 *
 * @example
 * ```ts
 * import { OAuthRegistry } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const oauth = new OAuthRegistry({ secret: "a long secret for sealing the login cookies" });
 * const app = oauth.register("example", {
 *   clientId: "app",
 *   clientSecret: "s3cret",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 * });
 * assert.equal(JSON.stringify(app), '{"name":"example","clientId":"app","isOAuth1":false}');
 * ```
 */
export class RemoteApp<T extends Token | OAuth1Token = Token | OAuth1Token> extends SecretFree {
  /**
   * The client of each token while calls with it are in flight, and those calls' requests:
   * concurrent calls with one expired token refresh once, and every one of them hears of it.
   */
  readonly #inFlight = new Map<string, { client: Promise<OAuth2Client>; requests: Set<Request> }>();

  /** The name the provider is registered under. */
  readonly name: string;
  /** How to reach it. */
  readonly config: ProviderConfig;
  /** What the registry shares with it. */
  readonly context: RegistryContext;

  /**
   * Made by `OAuthRegistry.register`; use `registry.client(name)`.
   *
   * @param name the provider's name
   * @param config how to reach it
   * @param context what the registry shares
   */
  constructor(name: string, config: ProviderConfig, context: RegistryContext) {
    super();
    this.name = name;
    this.config = config;
    this.context = context;
  }

  /** Whether this provider speaks OAuth 1.0a. */
  get isOAuth1(): boolean {
    return this.config.requestTokenUrl !== undefined;
  }

  /**
   * Starts a login: a `302` to the provider that sets this login's own sealed, ten-minute
   * cookie, bound to this browser (state, PKCE verifier, nonce, redirect URI; for OAuth 1.0a
   * the temporary credentials). Other logins in progress in this browser (another tab) go on;
   * of this provider's, the oldest beyond four are dropped, and those that no longer open.
   */
  async authorizeRedirect(
    request: Request,
    redirectUri: string,
    params: AuthorizationUrlParams = {},
  ): Promise<Response> {
    const now = this.context.now();
    const login = { id: newLoginId(), provider: this.name, started: now, redirectUri };
    let location: string;
    let transaction: Transaction;
    if (this.isOAuth1) {
      const client = this.#oauth1Client(undefined, redirectUri);
      const temporary = await client.fetchRequestToken(this.config.requestTokenUrl!);
      location = client.authorizationUrl(this.#required("authorizeUrl"));
      const { oauth_token, oauth_token_secret } = temporary;
      transaction = { ...login, oauth1: { oauth_token, oauth_token_secret } };
    } else {
      const client = await this.#oauth2Client({ redirectUri });
      const { url, state, codeVerifier, nonce } = await client.authorizationUrl(params);
      location = url.href;
      transaction = { ...login, state, codeVerifier, nonce };
    }
    const pending = await pendingLogins(request, this.context.sealer, this.name, now / 1000);
    const headers = new Headers({ location });
    headers.append("set-cookie", await pendingLoginCookie(this.context.sealer, transaction));
    for (const cookie of cookiesDroppedBy(pending)) {
      headers.append("set-cookie", endedLoginCookie(cookie));
    }
    return new Response(null, { status: 302, headers });
  }

  /**
   * Finishes the login on the callback: finds, among this browser's logins in progress (never
   * by state alone), the one the callback answers, checks the callback against it and redeems
   * it. No login of this provider in progress (cookies missing, tampered, expired or used) is
   * `state_unknown`; a callback that matches none of them (`state_mismatch`, `token_mismatch`)
   * or not in full (`issuer_mismatch`, …) leaves them all in progress, as a forged link from
   * another site would send this browser's cookies with a state of its own; the provider's
   * refusal is its `OAuthResponseError`.
   */
  async authorizeAccessToken(request: Request): Promise<AuthorizedLogin<T>> {
    const { cookie, transaction } = await this.#loginAnswered(request);
    const headers = new Headers({ "set-cookie": endedLoginCookie(cookie) });
    // The login is spent at the last moment, just before the token request, which the
    // clients send only after the callback matched the login (state, issuer, error, code;
    // for OAuth 1.0a the token): a callback that does not match leaves it in progress.
    let spent = false;
    const spend = async () => {
      spent = true;
      const expiresAt = this.context.now() / 1000 + LOGIN_SECONDS;
      if (!await (this.context.store?.consume(transaction.id, expiresAt) ?? true)) {
        throw new OAuthError(
          "state_unknown",
          "this login was finished already: its cookie was sent again",
        );
      }
    };
    try {
      return await this.#redeem(request, transaction, spend, headers) as AuthorizedLogin<T>;
    } catch (error) {
      throw noteCallbackError(error, spent ? [cookie] : []);
    }
  }

  /** An API call with the token `fetchToken` gives for `init.request`, refreshed when needed. */
  async request(path: string, init: CallInit): Promise<Response> {
    const { request, ...rest } = init;
    const url = this.#apiUrl(path);
    try {
      const token = await this.#sessionToken(request);
      if (this.isOAuth1) {
        return await this.#oauth1Client(token as OAuth1Token).fetch(url, rest);
      }
      return await this.#withClient(token as Token, request, (client) => client.fetch(url, rest));
    } catch (error) {
      throw noteCallError(error);
    }
  }

  /** `GET path` with the user's token. */
  get(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "GET" });
  }

  /** `POST path` with the user's token. */
  post(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "POST" });
  }

  /** `PUT path` with the user's token. */
  put(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "PUT" });
  }

  /** `PATCH path` with the user's token. */
  patch(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "PATCH" });
  }

  /** `DELETE path` with the user's token. */
  delete(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "DELETE" });
  }

  /**
   * The signed-in user's claims from the OpenID Connect userinfo endpoint (discovered, or
   * `userinfoEndpoint`), asked with the session's token (refreshed when needed), as
   * `OAuth2Client.userinfo()` asks. The answer's `sub` must be the ID token's (OpenID Connect
   * Core §5.3.2): the session token's `id_token`, or `options.sub` when given;
   * `userinfo_sub_mismatch` otherwise. Knowing neither is a `TypeError`, before any request.
   */
  async userinfo(options: UserinfoOptions): Promise<Record<string, unknown>> {
    if (this.isOAuth1) {
      throw new TypeError(`userinfo is OpenID Connect, and ${this.name} is an OAuth 1.0a provider`);
    }
    const { request, sub, signal } = options;
    try {
      const token = await this.#sessionToken(request) as Token;
      const expected = expectedSubject(token, sub);
      return await this.#withClient(
        token,
        request,
        (client) => checkedUserinfo(client, expected, signal),
      );
    } catch (error) {
      throw noteCallError(error);
    }
  }

  /** The provider's name, client id and protocol, never its secret: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, clientId: this.config.clientId, isOAuth1: this.isOAuth1 };
  }

  /**
   * The login in progress in this browser that the callback answers; `state_unknown` (ending
   * the cookies that no longer open) when there is none, and a mismatch, ending nothing, when
   * the callback answers none of them.
   */
  async #loginAnswered(request: Request): Promise<PendingLogin> {
    const { sealer, now } = this.context;
    const { open, stale } = await pendingLogins(request, sealer, this.name, now() / 1000);
    if (open.length === 0) {
      throw noteCallbackError(
        new OAuthError(
          "state_unknown",
          "no login of this provider is in progress in this browser (missing, expired or altered cookie)",
        ),
        stale,
      );
    }
    const login = loginAnswered(open, new URL(request.url));
    if (login !== undefined) return login;
    const [code, parameter] = this.isOAuth1
      ? ["token_mismatch", "oauth_token"] as const
      : ["state_mismatch", "state"] as const;
    throw noteCallbackError(
      new OAuthError(code, `the callback's ${parameter} is none of this browser's logins`),
      [],
    );
  }

  /** Redeems a login whose callback was found: OAuth 1.0a token credentials, or the code. */
  async #redeem(
    request: Request,
    transaction: Transaction,
    spend: () => Promise<void>,
    headers: Headers,
  ): Promise<AuthorizedLogin> {
    if (transaction.oauth1) {
      const client = this.#oauth1Client(transaction.oauth1);
      const { oauth_verifier } = client.parseAuthorizationResponse(request.url);
      const accessTokenUrl = this.#required("accessTokenUrl");
      await spend();
      const token = await client.fetchAccessToken(accessTokenUrl, { verifier: oauth_verifier });
      return { token, headers };
    }
    const { redirectUri, state, codeVerifier, nonce } = transaction;
    // The token request's last hook, after the provider's own fixes.
    const spending: Hooks = { accessTokenRequest: [async (sent) => (await spend(), sent)] };
    const hooks = [...[this.config.hooks ?? []].flat(), spending];
    const client = await this.#oauth2Client({ redirectUri, hooks });
    const token = await client.fetchToken({
      authorizationResponse: request.url,
      state: state!,
      codeVerifier,
      nonce,
    });
    return { token, claims: client.idTokenClaims, headers };
  }

  /** The token of the session `request` belongs to, or `missing_token`. */
  async #sessionToken(request: Request): Promise<Token | OAuth1Token> {
    const token = await this.context.fetchToken?.(this.name, request);
    if (token === undefined) {
      throw new OAuthError("missing_token", `no ${this.name} token for this request (fetchToken)`);
    }
    return token;
  }

  /**
   * `path` resolved against `apiBaseUrl`; a relative path without one is the caller's mistake,
   * named as such rather than left to `new URL`'s "Invalid URL".
   */
  #apiUrl(path: string): URL {
    const base = this.config.apiBaseUrl;
    if (base === undefined && !URL.canParse(path)) {
      throw new TypeError(
        `${this.name} has no apiBaseUrl to resolve a relative API path against: give apiBaseUrl when registering it, or call a full URL`,
      );
    }
    return new URL(path, base);
  }

  /**
   * Runs `call` with the OAuth 2.0 client of `token`, shared with the calls in flight with the
   * same token, so that they refresh it once and each of their requests hears of it.
   */
  async #withClient<R>(
    token: Token,
    request: Request,
    call: (client: OAuth2Client) => Promise<R>,
  ): Promise<R> {
    const key = token.refresh_token ?? token.access_token;
    let entry = this.#inFlight.get(key);
    if (entry === undefined) {
      const requests = new Set<Request>();
      const client = this.#oauth2Client({
        token,
        onTokenUpdated: async (next) => {
          for (const waiting of requests) {
            await this.context.updateToken?.(this.name, next, waiting);
          }
        },
      });
      this.#inFlight.set(key, entry = { client, requests });
    }
    entry.requests.add(request);
    try {
      return await call(await entry.client);
    } finally {
      entry.requests.delete(request);
      if (entry.requests.size === 0) this.#inFlight.delete(key);
    }
  }

  async #oauth2Client(extra: Partial<OAuth2ClientOptions>): Promise<OAuth2Client> {
    const config = this.config;
    const options: OAuth2ClientOptions = {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      scope: config.scope,
      hooks: config.hooks,
      fetch: this.context.fetch,
      now: this.context.now,
      allowInsecureRequests: config.allowInsecureRequests,
      ...(config.authorizationEndpoint
        ? { authorizationEndpoint: config.authorizationEndpoint }
        : {}),
      ...(config.tokenEndpoint ? { tokenEndpoint: config.tokenEndpoint } : {}),
      ...(config.userinfoEndpoint ? { userinfoEndpoint: config.userinfoEndpoint } : {}),
      ...(config.issuer && !config.serverMetadataUrl ? { issuer: config.issuer } : {}),
      ...extra,
    };
    return config.serverMetadataUrl === undefined
      ? new OAuth2Client(options)
      : await OAuth2Client.discover(config.serverMetadataUrl, options);
  }

  #oauth1Client(
    token?: { oauth_token: string; oauth_token_secret: string },
    callbackUri?: string,
  ): OAuth1Client {
    return new OAuth1Client({
      clientKey: this.config.clientId,
      clientSecret: this.config.clientSecret,
      fetch: this.context.fetch,
      allowInsecureRequests: this.config.allowInsecureRequests,
      ...(token ? { token: token.oauth_token, tokenSecret: token.oauth_token_secret } : {}),
      ...(callbackUri ? { callbackUri } : {}),
    });
  }

  #required(name: "authorizeUrl" | "accessTokenUrl"): string {
    const value = this.config[name];
    if (value === undefined) throw new TypeError(`${this.name} needs ${name}`);
    return value;
  }
}
