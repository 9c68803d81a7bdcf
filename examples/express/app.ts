/**
 * A complete login app on Express, whose routes are `Request → Response` handlers turned into
 * Express handlers by `@whatwg-node/server`'s `createServerAdapter`: the registry's handlers
 * need a `Request`, Express gives Node's `req` and `res`, and the adapter goes between them.
 *
 * `GET /login`, `GET /callback`, `GET /me` (the provider's userinfo, as JSON), `POST /logout`
 * (here and at the provider, back to `GET /logged-out`) and `GET /`. One Node process, so the sessions are a `Map`: the cookie holds a random id,
 * and logout deletes the token, so a copy of the cookie is worth nothing afterwards. `main.ts`
 * serves it.
 *
 * @module
 */
import { createServerAdapter } from "@whatwg-node/server";
import express, { type Express } from "express";
import { OAuthRegistry, readCookie, setCookie, type Token } from "../../web/mod.ts";

/** Where the provider is, and this app's registration there. */
export interface ExpressAppConfig {
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

const SESSION = "__Host-session";
const WEEK = 7 * 24 * 60 * 60;

/** The app: `expressApp(config).listen(port)`. */
export function expressApp(config: ExpressAppConfig): Express {
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
  // A fetch handler as an Express handler; an OAuthError becomes the registry's page. On Node
  // the adapter would otherwise build requests of a class of its own; the registry, like
  // anything that checks `instanceof Request`, needs the runtime's.
  const route = (handler: (request: Request) => Promise<Response>) =>
    createServerAdapter(async (request: Request) => {
      try {
        return await handler(request);
      } catch (error) {
        return await oauth.errorResponse(error, request);
      }
    }, { fetchAPI: { Request, Response } });

  const app = express();
  app.get("/", (_req, res) => {
    res.type("html").send('<a href="/login">Log in</a> · <a href="/me">Who am I?</a>');
  });
  app.get("/login", route((request) => provider.authorizeRedirect(request, config.redirectUri)));
  app.get(
    "/callback",
    route(async (request) => {
      const { token, headers } = await provider.authorizeAccessToken(request);
      const id = crypto.randomUUID();
      sessions.set(id, token);
      headers.append("set-cookie", setCookie(SESSION, id, WEEK));
      headers.set("location", "/");
      return new Response(null, { status: 302, headers }); // the headers end the login cookie
    }),
  );
  app.get("/me", route(async (request) => Response.json(await provider.userinfo({ request }))));
  // Ends the session here, revokes the grant, and has the provider end its own session.
  app.post(
    "/logout",
    route(async (request) => {
      const response = await provider.logoutRedirect(request, config.postLogoutRedirectUri);
      sessions.delete(sessionId(request));
      response.headers.append("set-cookie", setCookie(SESSION, "", 0));
      return response;
    }),
  );
  app.get("/logged-out", (_req, res) => {
    res.type("html").send('Logged out. <a href="/login">Log in</a>');
  });
  return app;
}
