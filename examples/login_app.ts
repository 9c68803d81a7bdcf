/**
 * A complete "log in with …" app as one `Request → Response` handler, the same on Deno Deploy
 * (`deno_deploy.ts`) and Cloudflare Workers (`cloudflare_worker.ts`):
 *
 * - `GET /login` sends the browser to the provider, with PKCE, keeping state and verifier in a
 *   sealed, short-lived cookie (`sealed_cookie.ts`).
 * - `GET /callback` checks the response against that cookie, redeems the code (validating the
 *   ID token against the issuer's keys when there is one), clears the login
 *   cookie and keeps the token in a sealed session cookie.
 * - `GET /me` calls the API with the token, refreshing it first when it has expired (the
 *   refreshed token goes back into the session cookie).
 * - `POST /logout` revokes the refresh token and clears the session.
 * - `GET /` shows whether the browser is logged in.
 *
 * Nothing is stored on the server, so any instance can serve any request.
 *
 * @module
 */
import { OAuth2Client, OAuthError, OAuthResponseError, type Token } from "../mod.ts";
import { cookieKey, open, readCookie, seal, setCookie } from "./sealed_cookie.ts";

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
  /** Injectable for tests: the clock in milliseconds and the fetch used for the provider. */
  now?: () => number;
  fetch?: typeof fetch;
}

const LOGIN_COOKIE = "__Host-oauth-login";
const SESSION_COOKIE = "__Host-oauth-session";
const LOGIN_SECONDS = 10 * 60;
const SESSION_SECONDS = 7 * 24 * 60 * 60;

interface PendingLogin {
  state: string;
  codeVerifier: string;
  /** With an `openid` scope: the ID token must carry it. */
  nonce?: string;
}

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

/** The app's handler. */
export function loginApp(config: LoginAppConfig): (request: Request) => Promise<Response> {
  const now = config.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const key = cookieKey(config.cookieSecret);
  const client = (token?: Token, onTokenUpdated?: (token: Token) => void) =>
    new OAuth2Client({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      issuer: config.issuer,
      authorizationEndpoint: config.authorizationEndpoint,
      tokenEndpoint: config.tokenEndpoint,
      revocationEndpoint: config.revocationEndpoint,
      redirectUri: config.redirectUri,
      scope: config.scope,
      token,
      onTokenUpdated,
      now,
      fetch: config.fetch,
    });
  const session = async (request: Request) =>
    await open(await key, SESSION_COOKIE, readCookie(request, SESSION_COOKIE), nowSeconds()) as
      | Token
      | undefined;
  const sessionCookie = async (token: Token) =>
    setCookie(
      SESSION_COOKIE,
      await seal(await key, SESSION_COOKIE, token, nowSeconds() + SESSION_SECONDS),
      SESSION_SECONDS,
    );

  async function login(): Promise<Response> {
    const { url, state, codeVerifier, nonce } = await client().authorizationUrl();
    const pending: PendingLogin = { state, codeVerifier: codeVerifier!, nonce };
    const sealed = await seal(await key, LOGIN_COOKIE, pending, nowSeconds() + LOGIN_SECONDS);
    return redirect(url.href, [setCookie(LOGIN_COOKIE, sealed, LOGIN_SECONDS)]);
  }

  async function callback(request: Request): Promise<Response> {
    const clearLogin = setCookie(LOGIN_COOKIE, "", 0);
    const pending = await open(
      await key,
      LOGIN_COOKIE,
      readCookie(request, LOGIN_COOKIE),
      nowSeconds(),
    ) as PendingLogin | undefined;
    if (!pending) {
      return page(400, "This login was not started in this browser, or took too long.", [
        clearLogin,
      ]);
    }
    try {
      const token = await client().fetchToken({
        authorizationResponse: request.url,
        state: pending.state,
        codeVerifier: pending.codeVerifier,
        nonce: pending.nonce,
      });
      return redirect("/", [clearLogin, await sessionCookie(token)]);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return page(400, `The login failed: ${escapeHtml(error.code)}.`, [clearLogin]);
    }
  }

  async function me(request: Request): Promise<Response> {
    const token = await session(request);
    if (!token) return Response.json({ error: "not logged in" }, { status: 401 });
    let refreshed: Token | undefined;
    try {
      const api = await client(token, (next) => refreshed = next).fetch(config.apiUrl);
      const headers = refreshed ? [["set-cookie", await sessionCookie(refreshed)]] : [];
      return new Response(api.body, {
        status: api.status,
        headers: [["content-type", api.headers.get("content-type") ?? "text/plain"], ...headers],
      });
    } catch (error) {
      // A refresh the provider refused (revoked, expired): the session is over.
      if (!(error instanceof OAuthResponseError)) throw error;
      return Response.json({ error: "session expired, log in again" }, {
        status: 401,
        headers: [["set-cookie", setCookie(SESSION_COOKIE, "", 0)]],
      });
    }
  }

  async function logout(request: Request): Promise<Response> {
    const token = await session(request);
    if (token && config.revocationEndpoint) {
      const oauth = client(token);
      // Revoking the refresh token ends the grant; the access token runs out on its own. A
      // provider that cannot be reached must not keep the user logged in here: the session
      // cookie is cleared whatever revocation answered.
      await oauth.revokeToken(token.refresh_token ?? token.access_token).catch(() => {});
    }
    return redirect("/", [setCookie(SESSION_COOKIE, "", 0)]);
  }

  return async (request) => {
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    if (route === "GET /login") return await login();
    if (route === "GET /callback") return await callback(request);
    if (route === "GET /me") return await me(request);
    if (route === "POST /logout") return await logout(request);
    if (route === "GET /") {
      return (await session(request))
        ? page(200, 'Logged in. <a href="/me">Your profile</a>. ' + LOGOUT_FORM)
        : page(200, '<a href="/login">Log in</a>');
    }
    return page(404, "Not found.");
  };
}

const LOGOUT_FORM = '<form method="post" action="/logout"><button>Log out</button></form>';

/** The provider chooses error codes; they reach the page as text, never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

function page(status: number, body: string, cookies: string[] = []): Response {
  const headers = new Headers({ "content-type": "text/html; charset=utf-8" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(`<!doctype html><meta charset="utf-8"><p>${body}</p>`, { status, headers });
}
