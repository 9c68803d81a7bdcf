/**
 * A complete "log in with …" app as one `Request → Response` handler, the same on Deno Deploy
 * (`deno_deploy.ts`) and Cloudflare Workers (`cloudflare_worker.ts`), on `@x/oauth/web`:
 *
 * - `GET /login` sends the browser to the provider, with PKCE, keeping state, verifier and
 *   nonce in the registry's sealed, short-lived login cookie.
 * - `GET /callback` checks the response against that cookie, redeems the code (validating the
 *   ID token against the issuer's keys when there is one), clears the login cookie and keeps
 *   the token in a session cookie sealed the same way; a failed login gets the registry's 400
 *   page.
 * - `GET /me` calls the API with the token, refreshing it first when it has expired (the
 *   refreshed token goes back into the session cookie).
 * - `POST /logout` revokes the refresh token and clears the session.
 * - `GET /` shows whether the browser is logged in.
 *
 * Nothing is stored on the server, so any instance can serve any request.
 *
 * @module
 */
import { OAuth2Client, OAuthResponseError, type Token } from "../mod.ts";
import { CookieSealer, OAuthRegistry, readCookie, setCookie } from "../web/mod.ts";

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

/** The app's handler. */
export function loginApp(config: LoginAppConfig): (request: Request) => Promise<Response> {
  const now = config.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const sealer = new CookieSealer(config.cookieSecret);
  const session = async (request: Request) =>
    await sealer.open(SESSION_COOKIE, readCookie(request, SESSION_COOKIE), nowSeconds()) as
      | Token
      | undefined;
  const sessionCookie = async (token: Token) =>
    setCookie(
      SESSION_COOKIE,
      await sealer.seal(SESSION_COOKIE, token, nowSeconds() + SESSION_SECONDS),
      SESSION_SECONDS,
    );
  // A token refreshed during a request goes back into that response's session cookie.
  const refreshed = new WeakMap<Request, Token>();
  const oauth = new OAuthRegistry({
    secret: config.cookieSecret,
    now,
    fetch: config.fetch,
    fetchToken: (_name, request) => session(request),
    updateToken: (_name, token, request) => void refreshed.set(request, token),
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
      headers.append("set-cookie", await sessionCookie(token as Token));
      return new Response(null, { status: 302, headers });
    } catch (error) {
      return await oauth.errorResponse(error, request);
    }
  }

  async function me(request: Request): Promise<Response> {
    if (!(await session(request))) {
      return Response.json({ error: "not logged in" }, { status: 401 });
    }
    try {
      const api = await provider.get(config.apiUrl, { request });
      const token = refreshed.get(request);
      const headers = token ? [["set-cookie", await sessionCookie(token)]] : [];
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
      const client = new OAuth2Client({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        revocationEndpoint: config.revocationEndpoint,
        fetch: config.fetch,
      });
      // Revoking the refresh token ends the grant; the access token runs out on its own. A
      // provider that cannot be reached must not keep the user logged in here: the session
      // cookie is cleared whatever revocation answered.
      await client.revokeToken(token.refresh_token ?? token.access_token).catch(() => {});
    }
    const headers = new Headers({ location: "/" });
    headers.append("set-cookie", setCookie(SESSION_COOKIE, "", 0));
    return new Response(null, { status: 302, headers });
  }

  return async (request) => {
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    if (route === "GET /login") {
      return await provider.authorizeRedirect(request, config.redirectUri);
    }
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

function page(status: number, body: string): Response {
  const headers = new Headers({ "content-type": "text/html; charset=utf-8" });
  return new Response(`<!doctype html><meta charset="utf-8"><p>${body}</p>`, { status, headers });
}
