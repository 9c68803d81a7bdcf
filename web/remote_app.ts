/**
 * One registered provider of an {@linkcode OAuthRegistry}: login and callback for
 * `Request → Response` handlers, and API calls with the user's token. OAuth 2.0 or OAuth 1.0a,
 * chosen by the configuration.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { randomBase64url } from "../_random.ts";
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
import { type CookieSealer, readSealedCookie, setCookie } from "./cookies.ts";

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
  /** OAuth 2.0: the issuer, for `iss` and ID tokens, unless discovered. */
  issuer?: string;
  /** The issuer to discover (RFC 8414 / OpenID Connect), as Authlib's `server_metadata_url`. */
  serverMetadataUrl?: string;
  /** The scope to ask for. */
  scope?: string | string[];
  /** Relative API paths (`client.get("user")`) are resolved against it. */
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
  /** Add these to your response: they clear the login cookie. */
  headers: Headers;
}

// A login must come back within ten minutes (checklist A6).
const LOGIN_SECONDS = 10 * 60;

/** The transaction sealed in the login cookie. */
interface Transaction {
  /** A random id, for the store of finished logins. */
  id: string;
  provider: string;
  redirectUri: string;
  state?: string;
  codeVerifier?: string;
  nonce?: string;
  oauth1?: { oauth_token: string; oauth_token_secret: string };
}

/**
 * A registered provider. Its `config` holds the client secret: `String(app)`,
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
export class RemoteApp extends SecretFree {
  readonly #cookie: string;
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
    this.#cookie = `__Host-oauth-${name}`;
  }

  /** Whether this provider speaks OAuth 1.0a. */
  get isOAuth1(): boolean {
    return this.config.requestTokenUrl !== undefined;
  }

  /**
   * Starts a login: a `302` to the provider that sets a sealed, ten-minute login cookie bound
   * to this browser (state, PKCE verifier, nonce, redirect URI; for OAuth 1.0a the temporary
   * credentials).
   */
  async authorizeRedirect(
    _request: Request,
    redirectUri: string,
    params: AuthorizationUrlParams = {},
  ): Promise<Response> {
    let location: string;
    let transaction: Transaction;
    if (this.isOAuth1) {
      const client = this.#oauth1Client(undefined, redirectUri);
      const temporary = await client.fetchRequestToken(this.config.requestTokenUrl!);
      location = client.authorizationUrl(this.#required("authorizeUrl"));
      transaction = {
        id: randomBase64url(16),
        provider: this.name,
        redirectUri,
        oauth1: {
          oauth_token: temporary.oauth_token,
          oauth_token_secret: temporary.oauth_token_secret,
        },
      };
    } else {
      const client = await this.#oauth2Client({ redirectUri });
      const { url, state, codeVerifier, nonce } = await client.authorizationUrl(params);
      location = url.href;
      const id = randomBase64url(16);
      transaction = { id, provider: this.name, redirectUri, state, codeVerifier, nonce };
    }
    const expires = Math.floor(this.context.now() / 1000) + LOGIN_SECONDS;
    const sealed = await this.context.sealer.seal(this.#cookie, transaction, expires);
    const headers = new Headers({ location });
    headers.append("set-cookie", setCookie(this.#cookie, sealed, LOGIN_SECONDS));
    return new Response(null, { status: 302, headers });
  }

  /**
   * Finishes the login on the callback: opens this browser's login cookie (never looked up by
   * state alone), checks the callback against it and redeems it. A missing, tampered, expired
   * or already used cookie is `state_unknown`; a callback that does not match the login
   * (`state_mismatch`, `token_mismatch`, …) leaves it in progress, as a forged link from
   * another site would send this browser's cookie with a state of its own; the provider's
   * refusal is its `OAuthResponseError`.
   */
  async authorizeAccessToken(request: Request): Promise<AuthorizedLogin> {
    const headers = new Headers({ "set-cookie": setCookie(this.#cookie, "", 0) });
    const transaction = await this.context.sealer.open(
      this.#cookie,
      readSealedCookie(request, this.#cookie),
      Math.floor(this.context.now() / 1000),
    ) as Transaction | undefined;
    if (transaction === undefined || transaction.provider !== this.name) {
      throw this.#ends(
        new OAuthError(
          "state_unknown",
          "no login of this provider is in progress in this browser (missing, expired or altered cookie)",
        ),
      );
    }
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
    } catch (error) {
      throw spent ? this.#ends(error) : keepsLogins(error);
    }
  }

  /** An API call with the token `fetchToken` gives for `request`, refreshed when needed. */
  async request(
    path: string,
    init: RequestInit & { request: Request },
  ): Promise<Response> {
    const { request, ...rest } = init;
    const token = await this.context.fetchToken?.(this.name, request);
    if (token === undefined) {
      throw new OAuthError("missing_token", `no ${this.name} token for this request (fetchToken)`);
    }
    const url = new URL(path, this.config.apiBaseUrl);
    if (this.isOAuth1) {
      return await this.#oauth1Client(token as OAuth1Token).fetch(url, rest);
    }
    const held = token as Token;
    const key = held.refresh_token ?? held.access_token;
    let entry = this.#inFlight.get(key);
    if (entry === undefined) {
      const requests = new Set<Request>();
      const client = this.#oauth2Client({
        token: held,
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
      return await (await entry.client).fetch(url, rest);
    } finally {
      entry.requests.delete(request);
      if (entry.requests.size === 0) this.#inFlight.delete(key);
    }
  }

  /** `GET path` with the user's token. */
  get(path: string, init: RequestInit & { request: Request }): Promise<Response> {
    return this.request(path, { ...init, method: "GET" });
  }

  /** `POST path` with the user's token. */
  post(path: string, init: RequestInit & { request: Request }): Promise<Response> {
    return this.request(path, { ...init, method: "POST" });
  }

  /** `PUT path` with the user's token. */
  put(path: string, init: RequestInit & { request: Request }): Promise<Response> {
    return this.request(path, { ...init, method: "PUT" });
  }

  /** `PATCH path` with the user's token. */
  patch(path: string, init: RequestInit & { request: Request }): Promise<Response> {
    return this.request(path, { ...init, method: "PATCH" });
  }

  /** `DELETE path` with the user's token. */
  delete(path: string, init: RequestInit & { request: Request }): Promise<Response> {
    return this.request(path, { ...init, method: "DELETE" });
  }

  /** The provider's name, client id and protocol, never its secret: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, clientId: this.config.clientId, isOAuth1: this.isOAuth1 };
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

  /** `error`, noted as ending this provider's login, so `errorResponse` clears its cookie. */
  #ends(error: unknown): unknown {
    if (typeof error === "object" && error !== null) endedLogins.set(error, [this.#cookie]);
    return error;
  }

  #required(name: "authorizeUrl" | "accessTokenUrl"): string {
    const value = this.config[name];
    if (value === undefined) throw new TypeError(`${this.name} needs ${name}`);
    return value;
  }
}

/**
 * The login cookies a callback's error ends: the provider's own once its cookie is no good or
 * its login was spent; none when the callback failed before that (it did not match the login,
 * say), as the login goes on.
 */
const endedLogins = new WeakMap<object, string[]>();

function keepsLogins(error: unknown): unknown {
  if (typeof error === "object" && error !== null) endedLogins.set(error, []);
  return error;
}

/**
 * For `OAuthRegistry.errorResponse`: the names of the login cookies that `error` ends, or
 * `undefined` when it is not a callback's error.
 */
export function loginCookiesEndedBy(error: unknown): readonly string[] | undefined {
  return typeof error === "object" && error !== null ? endedLogins.get(error) : undefined;
}
