/**
 * Login with OAuth providers from `Request → Response` handlers (Deno Deploy, Cloudflare
 * Workers, Hono, Fresh, `Deno.serve`), the way Authlib's `OAuth` registry serves Flask and
 * Starlette apps: register providers once, then redirect, take the callback and call APIs.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import type { OAuth1Token } from "../oauth1/mod.ts";
import type { Token } from "../oauth2/mod.ts";
import type { OAuthError } from "../errors.ts";
import { CookieSealer } from "./cookies.ts";
import { errorResponse } from "./error_response.ts";
import { type LoginStore, RemoteApp } from "./remote_app.ts";
import { checkProviderConfig, type ConfigFor, type TokenOf } from "./provider_config.ts";

/** Options of {@linkcode OAuthRegistry}. */
export interface OAuthRegistryOptions {
  /** At least 32 characters: the login cookies are sealed with keys derived from it. */
  secret: string;
  /**
   * Finished logins, so that a login cookie replayed with its callback is `state_unknown`
   * before the provider sees the code again; `MemoryLoginStore` for one process,
   * `DenoKvLoginStore`, `RedisLoginStore` or `DurableObjectLoginStore` (or your own) for many.
   */
  store?: LoginStore;
  /** The user's token for a provider, from your session, for API calls. */
  fetchToken?: (name: string, request: Request) => Promise<Token | OAuth1Token | undefined>;
  /** Called with a refreshed token, to keep in your session. */
  updateToken?: (name: string, token: Token, request: Request) => void | Promise<void>;
  /**
   * The page `errorResponse` answers an `OAuthError` with, given the status chosen for it
   * (400 a failed login, 401 no usable session, 501 no logout at the provider, 502 the provider
   * failed, 503 a store failed). By default a plain page naming the error code.
   */
  errorPage?: (error: OAuthError, request: Request, status: number) => Response | Promise<Response>;
  /**
   * Your logger: `errorResponse` calls it with every error it is given, `OAuthError` or not,
   * and the request without its cookies, `Authorization` header or secret query parameters
   * (code, state, tokens, verifiers); `logoutRedirect` with a revocation that failed, as the
   * logout goes on. What it throws is ignored.
   */
  onError?: (error: unknown, request: Request) => void | Promise<void>;
  /**
   * Where `errorResponse` sends a request without a usable session (a `302` with this
   * `Location`) instead of answering 401: for apps whose API routes are pages.
   */
  loginUrl?: string;
  /** Injectable: the clock in milliseconds. */
  now?: () => number;
  /** Injectable: the `fetch` to reach providers with. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Options of {@linkcode OAuthRegistry.register}. */
export interface RegisterOptions {
  /** Replace a provider registered under the same name; without it, that is a `TypeError`. */
  replace?: boolean;
}

/** Each provider's name and the token its logins give, for a registry that declares them. */
export type ProviderKinds = Record<string, Token | OAuth1Token>;

/**
 * Providers by name, each a {@linkcode RemoteApp}. Declare them in the type parameter, as
 * `OAuthRegistry<{ github: Token; twitter: OAuth1Token }>`, and `client("github")` is typed
 * by its protocol; without it, `register` still returns an app typed by its configuration.
 *
 * @example
 * ```ts
 * import { OAuthRegistry } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const oauth = new OAuthRegistry({ secret: "a long secret for sealing the login cookies" });
 * oauth.register("example", {
 *   clientId: "app",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 * });
 * const response = await oauth.client("example").authorizeRedirect(
 *   new Request("https://app.example/login"),
 *   "https://app.example/callback",
 * );
 * assert.equal(response.status, 302);
 * assert.match(response.headers.get("set-cookie")!, /^__Host-oauth-example\.[\w-]+=.*; HttpOnly; Secure; SameSite=Lax$/);
 * assert.equal(String(oauth), 'OAuthRegistry {"providers":["example"]}'); // never the secret
 * ```
 */
export class OAuthRegistry<Providers extends ProviderKinds = ProviderKinds> extends SecretFree {
  readonly #apps = new Map<string, RemoteApp>();
  readonly #options: OAuthRegistryOptions;
  readonly #sealer: CookieSealer;

  /**
   * Creates the registry.
   *
   * @param options the cookie secret, your session's token hooks, error handling, injectable
   * edges
   */
  constructor(options: OAuthRegistryOptions) {
    super();
    this.#sealer = new CookieSealer(options?.secret);
    this.#options = options;
  }

  /**
   * Registers a provider under `name` (letters, digits, `-` and `_`). A name registered already
   * is a `TypeError`, unless `options.replace`: two registrations of one name are more often a
   * mistake than a wish. The app is typed by the configuration: a `requestTokenUrl` makes it
   * OAuth 1.0a. A configuration is the client's options (a preset's, such as
   * `google({ … })`), but those the registry sets itself for each login and session (`token`,
   * `store`, `onTokenUpdated`, `fetch`, `now`: a `TypeError`), plus `apiBaseUrl` and, for
   * OAuth 2.0, `serverMetadataUrl`.
   */
  register<Name extends keyof Providers & string, Config extends ConfigFor<Providers[Name]>>(
    name: Name,
    config: Config,
    options: RegisterOptions = {},
  ): RemoteApp<TokenOf<Config>> {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      throw new TypeError("a provider name is letters, digits, - and _");
    }
    checkProviderConfig(name, config);
    if (this.#apps.has(name) && options.replace !== true) {
      throw new TypeError(
        `${name} is registered already: register it again with { replace: true } to replace it`,
      );
    }
    const { fetchToken, updateToken, fetch, store, onError } = this.#options;
    const app = new RemoteApp<TokenOf<Config>>(name, config, {
      store,
      sealer: this.#sealer,
      now: this.#options.now ?? Date.now,
      fetch,
      fetchToken,
      updateToken,
      onError,
    });
    this.#apps.set(name, app);
    return app;
  }

  /**
   * The response for an error of a provider's `authorizeRedirect`, `authorizeAccessToken`,
   * API calls, `userinfo` or `logoutRedirect`. `onError` hears of every error first. An
   * `OAuthError` gets the `errorPage` for its status: 400 for a failed login (forged, stale,
   * replayed, refused), 401 when there is no usable session (no token, or a refresh the provider
   * refused; a redirect to `loginUrl` when given), 501 for a logout the provider does not
   * support (`end_session_unsupported`), 502 when the provider failed or could not be reached,
   * 503 when a store failed. A callback's error also clears the login cookies it ends: that
   * login's once it was spent, those that no longer open; never another login in progress, nor
   * any when the callback did not match a login (a link from another site must not end one).
   * Anything else is a bug, not a failure of the login, and is thrown again (the runtime answers
   * 500).
   */
  errorResponse(error: unknown, request: Request): Promise<Response> {
    return errorResponse(error, request, this.#options);
  }

  /** The provider registered under `name`, typed by the registry's declared providers. */
  client<Name extends keyof Providers & string>(name: Name): RemoteApp<Providers[Name]> {
    const app = this.#apps.get(name);
    if (app === undefined) throw new TypeError(`no provider is registered as ${name}`);
    return app as RemoteApp<Providers[Name]>;
  }

  /** The providers' names, never the secret: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { providers: [...this.#apps.keys()] };
  }
}

/** Options of {@linkcode MemoryLoginStore}. */
export interface MemoryLoginStoreOptions {
  /** The clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

// Below this many kept logins the store does not look for expired ones.
const MIN_SWEEP = 1024;

/**
 * A {@linkcode LoginStore} in this process's memory, forgetting logins once their cookies
 * could no longer be valid. A login is refused again exactly until its expiry, whatever order
 * the expiries come in; the expired ones are dropped by a sweep each time the number kept has
 * doubled since the last, so a login costs constant time on average and the store holds at
 * most twice the logins live at its last sweep (or 1024).
 *
 * @example
 * ```ts
 * import { MemoryLoginStore } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const store = new MemoryLoginStore();
 * const until = Date.now() / 1000 + 600;
 * assert.equal(await store.consume("login-1", until), true);
 * assert.equal(await store.consume("login-1", until), false);
 * ```
 */
export class MemoryLoginStore extends SecretFree implements LoginStore {
  readonly #consumed = new Map<string, number>();
  readonly #now: () => number;
  #sweepAt = MIN_SWEEP;

  /**
   * Creates an empty store.
   *
   * @param options the clock
   */
  constructor(options: MemoryLoginStoreOptions = {}) {
    super();
    this.#now = options.now ?? Date.now;
  }

  /** How many logins are kept, expired ones included until the next sweep. */
  get size(): number {
    return this.#consumed.size;
  }

  /** `true` the first time `id` comes, `false` after (until `expiresAt`, in seconds). */
  consume(id: string, expiresAt: number): Promise<boolean> {
    if (!Number.isFinite(expiresAt)) {
      throw new TypeError("expiresAt must be a finite number of seconds");
    }
    const now = this.#now() / 1000;
    const until = this.#consumed.get(id);
    if (until !== undefined && until > now) return Promise.resolve(false);
    this.#consumed.set(id, expiresAt);
    if (this.#consumed.size >= this.#sweepAt) {
      for (const [seen, until] of this.#consumed) if (until <= now) this.#consumed.delete(seen);
      this.#sweepAt = Math.max(MIN_SWEEP, 2 * this.#consumed.size);
    }
    return Promise.resolve(true);
  }

  /** How many logins are kept, never their ids: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { size: this.size };
  }
}
