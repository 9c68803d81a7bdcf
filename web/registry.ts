/**
 * Login with OAuth providers from `Request → Response` handlers (Deno Deploy, Cloudflare
 * Workers, Hono, Fresh, `Deno.serve`), the way Authlib's `OAuth` registry serves Flask and
 * Starlette apps: register providers once, then redirect, take the callback and call APIs.
 *
 * @module
 */
import type { OAuth1Token } from "../oauth1/mod.ts";
import type { Token } from "../oauth2/mod.ts";
import { OAuthError } from "../errors.ts";
import { CookieSealer, setCookie } from "./cookies.ts";
import { type LoginStore, type ProviderConfig, RemoteApp } from "./remote_app.ts";

/** Options of {@linkcode OAuthRegistry}. */
export interface OAuthRegistryOptions {
  /** At least 32 characters: the login cookies are sealed with keys derived from it. */
  secret: string;
  /**
   * Finished logins, so that a login cookie replayed with its callback is `state_unknown`
   * before the provider sees the code again; `MemoryLoginStore` for one process, your own
   * (KV, Durable Object, Redis) for many.
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
 * ```
 */
export class OAuthRegistry {
  readonly #apps = new Map<string, RemoteApp>();
  readonly #options: OAuthRegistryOptions;
  readonly #sealer: CookieSealer;

  /**
   * Creates the registry.
   *
   * @param options the cookie secret, your session's token hooks, injectable edges
   */
  constructor(options: OAuthRegistryOptions) {
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
   * clearing the login cookies; anything else is not a login failure and is thrown again.
   */
  async errorResponse(error: unknown, request: Request): Promise<Response> {
    if (!(error instanceof OAuthError)) throw error;
    const response = await (this.#options.errorPage ?? defaultErrorPage)(error, request);
    const headers = new Headers(response.headers);
    for (const name of this.#apps.keys()) {
      headers.append("set-cookie", setCookie(`__Host-oauth-${name}`, "", 0));
    }
    return new Response(response.body, { status: response.status, headers });
  }

  /** The provider registered under `name`. */
  client(name: string): RemoteApp {
    const app = this.#apps.get(name);
    if (app === undefined) throw new TypeError(`no provider is registered as ${name}`);
    return app;
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

/**
 * A {@linkcode LoginStore} in this process's memory, forgetting logins once their cookies
 * could no longer be valid.
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
export class MemoryLoginStore implements LoginStore {
  readonly #consumed = new Map<string, number>();

  /** `true` the first time `id` comes, `false` after (until `expiresAt`, in seconds). */
  consume(id: string, expiresAt: number): Promise<boolean> {
    const now = Date.now() / 1000;
    for (const [seen, until] of this.#consumed) if (until <= now) this.#consumed.delete(seen);
    if (this.#consumed.has(id)) return Promise.resolve(false);
    this.#consumed.set(id, expiresAt);
    return Promise.resolve(true);
  }
}
