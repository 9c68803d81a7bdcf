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
import { OAuthError } from "../errors.ts";
import { CookieSealer, setCookie } from "./cookies.ts";
import {
  loginCookiesEndedBy,
  type LoginStore,
  type ProviderConfig,
  RemoteApp,
} from "./remote_app.ts";

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
   * The page for a login that failed (`errorResponse`): by default a plain 400 page naming the
   * error code.
   */
  errorPage?: (error: OAuthError, request: Request) => Response | Promise<Response>;
  /** Injectable: the clock in milliseconds. */
  now?: () => number;
  /** Injectable: the `fetch` to reach providers with. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Providers by name, each a {@linkcode RemoteApp}.
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
 * assert.match(response.headers.get("set-cookie")!, /^__Host-oauth-example=.*; HttpOnly; Secure; SameSite=Lax$/);
 * assert.equal(String(oauth), 'OAuthRegistry {"providers":["example"]}'); // never the secret
 * ```
 */
export class OAuthRegistry extends SecretFree {
  readonly #apps = new Map<string, RemoteApp>();
  readonly #options: OAuthRegistryOptions;
  readonly #sealer: CookieSealer;

  /**
   * Creates the registry.
   *
   * @param options the cookie secret, your session's token hooks, injectable edges
   */
  constructor(options: OAuthRegistryOptions) {
    super();
    this.#sealer = new CookieSealer(options?.secret);
    this.#options = options;
  }

  /** Registers a provider under `name` (letters, digits, `-` and `_`). */
  register(name: string, config: ProviderConfig): RemoteApp {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      throw new TypeError("a provider name is letters, digits, - and _");
    }
    if (typeof config?.clientId !== "string" || config.clientId === "") {
      throw new TypeError(`${name} needs a clientId`);
    }
    const { fetchToken, updateToken, fetch, store } = this.#options;
    const app = new RemoteApp(name, config, {
      store,
      sealer: this.#sealer,
      now: this.#options.now ?? Date.now,
      fetch,
      fetchToken,
      updateToken,
    });
    this.#apps.set(name, app);
    return app;
  }

  /**
   * The response for an error of `authorizeRedirect` or `authorizeAccessToken`: the
   * `errorPage` for an `OAuthError` (a forged or stale login, the provider's refusal), also
   * clearing the login cookies it ends: after a callback's error, that provider's cookie when
   * it was no good or its login was spent, and none when the callback failed before the login
   * was spent (one that did not match it, from a link on another site, must not end a login
   * in progress); after any other error, all of them.
   * Anything else is not a login failure and is thrown again.
   */
  async errorResponse(error: unknown, request: Request): Promise<Response> {
    if (!(error instanceof OAuthError)) throw error;
    const response = await (this.#options.errorPage ?? defaultErrorPage)(error, request);
    const headers = new Headers(response.headers);
    const ended = loginCookiesEndedBy(error) ??
      [...this.#apps.keys()].map((name) => `__Host-oauth-${name}`);
    for (const cookie of ended) headers.append("set-cookie", setCookie(cookie, "", 0));
    return new Response(response.body, { status: response.status, headers });
  }

  /** The provider registered under `name`. */
  client(name: string): RemoteApp {
    const app = this.#apps.get(name);
    if (app === undefined) throw new TypeError(`no provider is registered as ${name}`);
    return app;
  }

  /** The providers' names, never the secret: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { providers: [...this.#apps.keys()] };
  }
}

/** A 400 page naming the error code; the code is the provider's or ours, never markup. */
function defaultErrorPage(error: OAuthError): Response {
  const code = error.code.replace(/[^\w.-]/g, "?");
  return new Response(
    `<!doctype html><meta charset="utf-8"><title>Login failed</title><p>The login failed (${code}). Please start again.</p>`,
    { status: 400, headers: { "content-type": "text/html; charset=utf-8" } },
  );
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
