/**
 * A complete login app on plain `Deno.serve`, its routes laid out as Fresh lays out a route's
 * handlers: a path, and a function for each method it answers. `GET /login`, `GET /callback`,
 * `GET /me` (the provider's userinfo, as JSON), `POST /logout` (here and at the provider, back
 * to `GET /logged-out`), `GET /`; a path without the method is a 405, an unknown path a 404.
 * The sessions are a `Map` in this process: the cookie holds a random id, and logout deletes
 * the token.
 *
 * ```sh
 * OAUTH_ISSUER=… OAUTH_CLIENT_ID=… OAUTH_CLIENT_SECRET=… OAUTH_REDIRECT_URI=… \
 *   OAUTH_POST_LOGOUT_REDIRECT_URI=… COOKIE_SECRET=… \
 *   deno run --allow-net --allow-env examples/deno_serve.ts
 * ```
 *
 * @module
 */
import { OAuthRegistry, readCookie, setCookie, type Token } from "../web/mod.ts";

/** Where the provider is, and this app's registration there. */
export interface DenoServeAppConfig {
  /** The OpenID Connect issuer, discovered. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** This app's `/callback`, registered at the provider. */
  redirectUri: string;
  /** Where the provider sends the browser after logout, registered there: this `/logged-out`. */
  postLogoutRedirectUri: string;
  /** At least 32 characters: seals the login cookies. */
  cookieSecret: string;
}

/** One route's handlers, by method, as a Fresh route exports them. */
type Handlers = { [method in "GET" | "POST"]?: (request: Request) => Promise<Response> };

const SESSION = "__Host-session";
const WEEK = 7 * 24 * 60 * 60;

/** The app's handler, for `Deno.serve`. */
export function denoServeApp(config: DenoServeAppConfig): (request: Request) => Promise<Response> {
  const sessions = new Map<string, Token>();
  const sessionId = (request: Request) => readCookie(request, SESSION) ?? "";
  const oauth = new OAuthRegistry<{ provider: Token }>({
    secret: config.cookieSecret,
    fetchToken: (_name, request) => Promise.resolve(sessions.get(sessionId(request))),
    updateToken: (_name, token, request) => void sessions.set(sessionId(request), token),
  });
  const provider = oauth.register("provider", {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    serverMetadataUrl: config.issuer,
    scope: "openid profile",
  });

  const routes: Record<string, Handlers> = {
    "/": {
      GET: async (request) => {
        if (!sessions.has(sessionId(request))) return html('<a href="/login">Log in</a>');
        const { sub } = await provider.userinfo({ request });
        return html(`Logged in as ${escapeHtml(String(sub))}.`);
      },
    },
    "/login": { GET: (request) => provider.authorizeRedirect(request, config.redirectUri) },
    "/callback": {
      GET: async (request) => {
        const { token, headers } = await provider.authorizeAccessToken(request);
        const id = crypto.randomUUID();
        sessions.set(id, token);
        headers.append("set-cookie", setCookie(SESSION, id, WEEK));
        headers.set("location", "/");
        return new Response(null, { status: 302, headers }); // the headers end the login cookie
      },
    },
    "/me": { GET: async (request) => Response.json(await provider.userinfo({ request })) },
    // Ends the session here, revokes the grant, and has the provider end its own session.
    "/logout": {
      POST: async (request) => {
        const response = await provider.logoutRedirect(request, config.postLogoutRedirectUri);
        sessions.delete(sessionId(request));
        response.headers.append("set-cookie", setCookie(SESSION, "", 0));
        return response;
      },
    },
    "/logged-out": { GET: () => Promise.resolve(html('Logged out. <a href="/login">Log in</a>')) },
  };

  return async (request) => {
    const route = routes[new URL(request.url).pathname];
    const handler = route?.[request.method as keyof Handlers];
    if (!handler) return new Response(null, { status: route ? 405 : 404 });
    try {
      return await handler(request);
    } catch (error) {
      return await oauth.errorResponse(error, request); // 400, 401, 502, 503; a bug is thrown
    }
  };
}

function html(body: string): Response {
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
}

/** What the provider says goes into the page as text, never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

if (import.meta.main) {
  const env = Deno.env.toObject();
  Deno.serve(denoServeApp({
    issuer: env.OAUTH_ISSUER,
    clientId: env.OAUTH_CLIENT_ID,
    clientSecret: env.OAUTH_CLIENT_SECRET,
    redirectUri: env.OAUTH_REDIRECT_URI,
    postLogoutRedirectUri: env.OAUTH_POST_LOGOUT_REDIRECT_URI,
    cookieSecret: env.COOKIE_SECRET,
  }));
}
