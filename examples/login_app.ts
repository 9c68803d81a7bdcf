/**
 * A complete "log in with …" app as one `Request → Response` handler, the same on Deno Deploy
 * (`deno_deploy.ts`) and Cloudflare Workers (`cloudflare_worker.ts`), on `@x/oauth/web`:
 *
 * - `GET /login` sends the browser to the provider, with PKCE, keeping state, verifier and
 *   nonce in the registry's sealed, short-lived login cookie (one per login, so two tabs can
 *   log in at once).
 * - `GET /callback` checks the response against that cookie, redeems the code (validating the
 *   ID token against the issuer's keys when there is one), clears the login cookie and starts
 *   the session; a failed login gets the registry's 400 page.
 * - `GET /me` calls the API with the token, refreshing it first when it has expired; without
 *   a usable session it is a 401.
 * - `POST /logout` revokes the refresh token and ends the session.
 * - `GET /` shows whether the browser is logged in.
 *
 * The session comes in two kinds. By default the token itself is in a sealed session cookie:
 * nothing is stored on the server, so any instance serves any request, but a copy of that
 * cookie taken before logout still reaches the API until the access token expires (unless the
 * provider revokes access tokens with the refresh token). With `sessions`, the cookie holds
 * only a session id and the token stays in that store, which logout empties: a copy of the
 * cookie is then worth nothing.
 *
 * @module
 */
import { OAuth2Client, type Token } from "../mod.ts";
import {
  CookieSealer,
  defaultErrorPage,
  OAuthRegistry,
  readCookie,
  setCookie,
} from "../web/mod.ts";

/** What the app needs to know about the provider and itself. */
export interface LoginAppConfig {
  clientId: string;
  clientSecret?: string;
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /** The API `/me` calls with the user's token, e.g. the provider's userinfo endpoint. */
  apiUrl: string;
  /** Where the provider sends the browser back: this app's `/callback`, registered there. */
  redirectUri: string;
  scope?: string;
  /** At least 32 characters; sealing keys are derived from it. */
  cookieSecret: string;
  /** Keep tokens on the server, by session id, instead of in the session cookie. */
  sessions?: SessionStore;
  /** Your logger, told of every failure (never of the cookies or the code). */
  onError?: (error: unknown, request: Request) => void | Promise<void>;
  /** Injectable for tests: the clock in milliseconds and the fetch used for the provider. */
  now?: () => number;
  fetch?: typeof fetch;
}

/** Where the server-side sessions keep their tokens: Deno KV, Redis, a Durable Object, … */
export interface SessionStore {
  /** The token of session `id`, unless it ended or expired. */
  get(id: string): Promise<Token | undefined>;
  /** Keeps `token` as session `id`'s, for `seconds`. */
  set(id: string, token: Token, seconds: number): Promise<void>;
  /** Ends session `id`. */
  delete(id: string): Promise<void>;
}

/** A {@linkcode SessionStore} in this process's memory: for one instance, and for tests. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, { token: Token; until: number }>();
  constructor(readonly now: () => number = Date.now) {}

  get(id: string): Promise<Token | undefined> {
    const session = this.#sessions.get(id);
    if (session === undefined || session.until > this.now()) return Promise.resolve(session?.token);
    this.#sessions.delete(id);
    return Promise.resolve(undefined);
  }

  set(id: string, token: Token, seconds: number): Promise<void> {
    this.#sessions.set(id, { token, until: this.now() + seconds * 1000 });
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.#sessions.delete(id);
    return Promise.resolve();
  }

  /** How many sessions are kept. */
  get size(): number {
    return this.#sessions.size;
  }
}

const SESSION_COOKIE = "__Host-oauth-session";
const SESSION_SECONDS = 7 * 24 * 60 * 60;

/** The config from environment variables (`OAUTH_CLIENT_ID`, …, `COOKIE_SECRET`). */
export function configFromEnv(env: Record<string, string | undefined>): LoginAppConfig {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new TypeError(`the environment variable ${name} is not set`);
    return value;
  };
  return {
    clientId: required("OAUTH_CLIENT_ID"),
    clientSecret: env.OAUTH_CLIENT_SECRET,
    issuer: env.OAUTH_ISSUER,
    authorizationEndpoint: required("OAUTH_AUTHORIZATION_ENDPOINT"),
    tokenEndpoint: required("OAUTH_TOKEN_ENDPOINT"),
    revocationEndpoint: env.OAUTH_REVOCATION_ENDPOINT,
    apiUrl: required("OAUTH_API_URL"),
    redirectUri: required("OAUTH_REDIRECT_URI"),
    scope: env.OAUTH_SCOPE,
    cookieSecret: required("COOKIE_SECRET"),
  };
}

/** A browser's session, whichever kind: each answer is the `Set-Cookie` value to send. */
interface Sessions {
  token(request: Request): Promise<Token | undefined>;
  start(token: Token): Promise<string>;
  /** A refreshed token; the cookie to send when the cookie holds it. */
  update(request: Request, token: Token): Promise<string | undefined>;
  end(request: Request): Promise<string>;
}

/** The token sealed in the session cookie itself. */
function cookieSessions(sealer: CookieSealer, nowSeconds: () => number): Sessions {
  const cookie = async (token: Token) =>
    setCookie(
      SESSION_COOKIE,
      await sealer.seal(SESSION_COOKIE, token, nowSeconds() + SESSION_SECONDS),
      SESSION_SECONDS,
    );
  return {
    token: async (request) =>
      await sealer.open(SESSION_COOKIE, readCookie(request, SESSION_COOKIE), nowSeconds()) as
        | Token
        | undefined,
    start: cookie,
    update: (_request, token) => cookie(token),
    end: () => Promise.resolve(setCookie(SESSION_COOKIE, "", 0)),
  };
}

/** A random session id sealed in the cookie; the token in `store`, which `end` empties. */
function storedSessions(
  sealer: CookieSealer,
  store: SessionStore,
  nowSeconds: () => number,
): Sessions {
  const idOf = async (request: Request) => {
    const sealed = readCookie(request, SESSION_COOKIE);
    const session = await sealer.open(SESSION_COOKIE, sealed, nowSeconds()) as
      | { id: string }
      | undefined;
    return session?.id;
  };
  return {
    token: async (request) => {
      const id = await idOf(request);
      return id === undefined ? undefined : await store.get(id);
    },
    start: async (token) => {
      const id = crypto.randomUUID();
      await store.set(id, token, SESSION_SECONDS);
      const sealed = await sealer.seal(SESSION_COOKIE, { id }, nowSeconds() + SESSION_SECONDS);
      return setCookie(SESSION_COOKIE, sealed, SESSION_SECONDS);
    },
    update: async (request, token) => {
      const id = await idOf(request);
      if (id !== undefined) await store.set(id, token, SESSION_SECONDS);
      return undefined;
    },
    end: async (request) => {
      const id = await idOf(request);
      if (id !== undefined) await store.delete(id);
      return setCookie(SESSION_COOKIE, "", 0);
    },
  };
}

/** The app's handler. */
export function loginApp(config: LoginAppConfig): (request: Request) => Promise<Response> {
  const now = config.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const sealer = new CookieSealer(config.cookieSecret);
  const sessions = config.sessions
    ? storedSessions(sealer, config.sessions, nowSeconds)
    : cookieSessions(sealer, nowSeconds);
  // A token refreshed during a request goes back into that request's session.
  const refreshed = new WeakMap<Request, Token>();
  const oauth = new OAuthRegistry({
    secret: config.cookieSecret,
    now,
    fetch: config.fetch,
    fetchToken: (_name, request) => sessions.token(request),
    updateToken: (_name, token, request) => void refreshed.set(request, token),
    onError: config.onError,
    // /me is called by the page's script: its 401 is JSON saying why; the rest are pages.
    errorPage: (error, request, status) =>
      status === 401
        ? Response.json({
          error: error.code === "missing_token" ? "not logged in" : "session expired, log in again",
        }, { status })
        : defaultErrorPage(error, request, status),
  });
  const provider = oauth.register("provider", {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    issuer: config.issuer,
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    scope: config.scope,
  });

  async function callback(request: Request): Promise<Response> {
    try {
      const { token, headers } = await provider.authorizeAccessToken(request);
      headers.set("location", "/");
      headers.append("set-cookie", await sessions.start(token));
      return new Response(null, { status: 302, headers });
    } catch (error) {
      return await oauth.errorResponse(error, request);
    }
  }

  async function me(request: Request): Promise<Response> {
    try {
      const api = await provider.get(config.apiUrl, { request });
      const token = refreshed.get(request);
      const cookie = token && await sessions.update(request, token);
      return new Response(api.body, {
        status: api.status,
        headers: [
          ["content-type", api.headers.get("content-type") ?? "text/plain"],
          ...(cookie ? [["set-cookie", cookie] as [string, string]] : []),
        ],
      });
    } catch (error) {
      const page = await oauth.errorResponse(error, request);
      if (page.status !== 401) return page;
      // No usable token (a refresh the provider refused: revoked, expired): the session is over.
      const headers = new Headers(page.headers);
      headers.append("set-cookie", await sessions.end(request));
      return new Response(page.body, { status: 401, headers });
    }
  }

  async function logout(request: Request): Promise<Response> {
    const token = await sessions.token(request);
    if (token && config.revocationEndpoint) {
      const client = new OAuth2Client({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        revocationEndpoint: config.revocationEndpoint,
        fetch: config.fetch,
      });
      // Revoking the refresh token ends the grant; the access token runs out on its own. A
      // provider that cannot be reached must not keep the user logged in here: the session
      // ends whatever revocation answered.
      await client.revokeToken(token.refresh_token ?? token.access_token).catch(() => {});
    }
    const headers = new Headers({ location: "/" });
    headers.append("set-cookie", await sessions.end(request));
    return new Response(null, { status: 302, headers });
  }

  return async (request) => {
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    if (route === "GET /login") {
      try {
        return await provider.authorizeRedirect(request, config.redirectUri);
      } catch (error) {
        return await oauth.errorResponse(error, request);
      }
    }
    if (route === "GET /callback") return await callback(request);
    if (route === "GET /me") return await me(request);
    if (route === "POST /logout") return await logout(request);
    if (route === "GET /") {
      return (await sessions.token(request))
        ? page(200, 'Logged in. <a href="/me">Your profile</a>. ' + LOGOUT_FORM)
        : page(200, '<a href="/login">Log in</a>');
    }
    return page(404, "Not found.");
  };
}

const LOGOUT_FORM = '<form method="post" action="/logout"><button>Log out</button></form>';

function page(status: number, body: string): Response {
  const headers = new Headers({ "content-type": "text/html; charset=utf-8" });
  return new Response(`<!doctype html><meta charset="utf-8"><p>${body}</p>`, { status, headers });
}
