/**
 * A complete login app on Hono, the same app on every runtime Hono runs on: Deno, Node, Bun
 * (`serve.ts`, `main.ts`) and Cloudflare Workers (`worker.ts`).
 *
 * - `GET /login` sends the browser to the provider; `GET /callback` takes it back and starts
 *   the session, a sealed cookie holding the token (no server state, so any instance or
 *   isolate serves any request).
 * - `GET /` shows who is logged in, from the provider's userinfo endpoint; `GET /me` is that
 *   call as JSON. A token refreshed on the way goes back into the cookie.
 * - `POST /logout` ends the session here, revokes the grant and sends the browser to the
 *   provider's end-session endpoint, which logs the user out there too and sends the browser
 *   back to `/logged-out`.
 * - Failures become the registry's pages through Hono's `onError`: 400 for a failed login, 401
 *   without a usable session, 502 when the provider failed.
 *
 * @module
 */
import { Hono } from "hono";
import { html } from "hono/html";
import { CookieSealer, OAuthRegistry, readCookie, setCookie, type Token } from "../../web/mod.ts";

/** Where the provider is, and this app's registration there. */
export interface HonoAppConfig {
  /** The OpenID Connect issuer, discovered. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** This app's `/callback`, registered at the provider. */
  redirectUri: string;
  /** Where the provider sends the browser after logout, registered there: this `/logged-out`. */
  postLogoutRedirectUri: string;
  /** At least 32 characters: seals the login and session cookies. */
  cookieSecret: string;
  /** Injectable for tests: the clock in milliseconds. */
  now?: () => number;
}

/** The config from environment variables or Worker bindings. */
export function configFromEnv(env: Record<string, string | undefined>): HonoAppConfig {
  const required = (name: string) => {
    if (!env[name]) throw new TypeError(`the environment variable ${name} is not set`);
    return env[name];
  };
  return {
    issuer: required("OAUTH_ISSUER"),
    clientId: required("OAUTH_CLIENT_ID"),
    clientSecret: env.OAUTH_CLIENT_SECRET,
    redirectUri: required("OAUTH_REDIRECT_URI"),
    postLogoutRedirectUri: required("OAUTH_POST_LOGOUT_REDIRECT_URI"),
    cookieSecret: required("COOKIE_SECRET"),
  };
}

const SESSION = "__Host-session";
const WEEK = 7 * 24 * 60 * 60;

/** The app: serve its `fetch` (`Deno.serve(app.fetch)`, `export default app`, …). */
export function honoApp(config: HonoAppConfig): Hono {
  const now = config.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);
  const sealer = new CookieSealer(config.cookieSecret);
  const session = async (request: Request) =>
    await sealer.open(SESSION, readCookie(request, SESSION), seconds()) as Token | undefined;
  const sessionCookie = async (token: Token) =>
    setCookie(SESSION, await sealer.seal(SESSION, token, seconds() + WEEK), WEEK);
  const refreshed = new WeakMap<Request, Token>();

  const oauth = new OAuthRegistry<{ provider: Token }>({
    secret: config.cookieSecret,
    now,
    fetchToken: (_name, request) => session(request),
    updateToken: (_name, token, request) => void refreshed.set(request, token),
  });
  const provider = oauth.register("provider", {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    serverMetadataUrl: config.issuer,
    scope: "openid profile",
  });

  const app = new Hono();
  // An OAuthError becomes its page; anything else is thrown on, and the runtime answers 500.
  app.onError((error, c) => oauth.errorResponse(error, c.req.raw));
  // A token refreshed while handling the request replaces the one in the session cookie.
  app.use(async (c, next) => {
    await next();
    const token = refreshed.get(c.req.raw);
    if (token) c.header("set-cookie", await sessionCookie(token), { append: true });
  });

  app.get("/", async (c) => {
    if (!await session(c.req.raw)) return c.html(html`<a href="/login">Log in</a>`);
    const me = await provider.userinfo({ request: c.req.raw });
    return c.html(html`
      <p>Logged in as <b id="name">${me.name ?? me.sub}</b>.</p>
      <form method="post" action="/logout"><button>Log out</button></form>
    `);
  });
  app.get("/login", (c) => provider.authorizeRedirect(c.req.raw, config.redirectUri));
  app.get("/callback", async (c) => {
    const { token, headers } = await provider.authorizeAccessToken(c.req.raw);
    headers.append("set-cookie", await sessionCookie(token));
    headers.set("location", "/");
    return new Response(null, { status: 302, headers }); // the headers end the login cookie
  });
  app.get("/me", async (c) => c.json(await provider.userinfo({ request: c.req.raw })));
  // Revokes the grant, then sends the browser to the provider to end its session there too.
  app.post("/logout", async (c) => {
    const response = await provider.logoutRedirect(c.req.raw, config.postLogoutRedirectUri);
    response.headers.append("set-cookie", setCookie(SESSION, "", 0));
    return response;
  });
  app.get("/logged-out", (c) => c.html(html`Logged out. <a href="/login">Log in</a>`));
  return app;
}
