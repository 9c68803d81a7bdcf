/**
 * The small app the web tests run, under a real server and as a Worker under miniflare: one
 * OpenID Connect provider (`op`, discovered) and one OAuth 1.0a provider (`legacy`) in an
 * `OAuthRegistry`, sessions in memory. Routes: `/login/<name>`, `/callback/<name>` (answers
 * `{ sub }`), `/me/<name>` (an API call with the session's token); a failure is
 * `{ error: code }` with the status `errorResponse` gives it.
 */
import {
  type LoginStore,
  type OAuth1Token,
  OAuthRegistry,
  readCookie,
  type Token,
} from "../../web/mod.ts";

/** Where the providers are. */
export interface WebAppConfig {
  secret: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The `op` client's registered redirect URI; `legacy` comes back to `/callback/legacy`. */
  redirectUri: string;
  oauth1Origin: string;
  now?: () => number;
  /** Finished logins (`MemoryLoginStore`), to refuse a replayed login cookie. */
  store?: LoginStore;
}

export function webApp(config: WebAppConfig): (request: Request) => Promise<Response> {
  const sessions = new Map<string, Token | OAuth1Token>();
  const key = (name: string, request: Request) => `${name}:${readCookie(request, "sid")}`;
  const oauth = new OAuthRegistry({
    secret: config.secret,
    now: config.now,
    store: config.store,
    fetchToken: (name, request) => Promise.resolve(sessions.get(key(name, request))),
    updateToken: (name, token, request) => void sessions.set(key(name, request), token),
    errorPage: (error, _request, status) => Response.json({ error: error.code }, { status }),
  });
  oauth.register("op", {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    serverMetadataUrl: config.issuer,
    scope: "openid",
    apiBaseUrl: `${config.issuer}/`,
  });
  oauth.register("legacy", {
    clientId: "web-app",
    clientSecret: "web-secret",
    requestTokenUrl: `${config.oauth1Origin}/request_token`,
    authorizeUrl: `${config.oauth1Origin}/authorize`,
    accessTokenUrl: `${config.oauth1Origin}/access_token`,
    apiBaseUrl: `${config.oauth1Origin}/api/`,
  });
  return async (request) => {
    const [, route, name] = new URL(request.url).pathname.split("/");
    try {
      const client = oauth.client(name);
      if (route === "login") {
        const callback = name === "op"
          ? config.redirectUri
          : new URL(`/callback/${name}`, config.redirectUri).href;
        return await client.authorizeRedirect(request, callback);
      }
      if (route === "callback") {
        const { token, claims, headers } = await client.authorizeAccessToken(request);
        const sid = crypto.randomUUID();
        sessions.set(`${name}:${sid}`, token);
        headers.append("set-cookie", `sid=${sid}; Path=/; HttpOnly; Secure; SameSite=Lax`);
        return Response.json({ sub: claims?.sub ?? null }, { headers });
      }
      if (route === "me") return await client.get("me", { request });
    } catch (error) {
      return await oauth.errorResponse(error, request);
    }
    return new Response("not found", { status: 404 });
  };
}
