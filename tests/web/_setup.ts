/**
 * The web tests' app (`_app.ts`) under a real server on the port of oidc-provider's registered
 * redirect URI, beside oidc-provider and the OAuth 1.0a example provider, with a clock the tests
 * move and a store of finished logins; browsers are `Visitor`s with a cookie jar.
 */
import { MemoryLoginStore } from "../../web/mod.ts";
import { webApp } from "./_app.ts";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "../examples/_visitor.ts";

export const SECRET = "the web registry test's cookie secret";

/** The app: /login/<provider>, /callback/<provider>, /me/<provider>. Sessions in memory. */
export async function setup() {
  const op = await startOidcProvider();
  const oauth1 = createOAuth1Provider({ consumerKey: "web-app", consumerSecret: "web-secret" });
  const provider1 = await serveLoopback(oauth1.handle);
  const clock = { now: Date.now() };
  const origin = new URL(op.redirectUri).origin;
  const handler = webApp({
    secret: SECRET,
    issuer: op.issuer,
    ...op.clients.basic,
    redirectUri: op.redirectUri,
    oauth1Origin: provider1.origin,
    now: () => clock.now,
    store: new MemoryLoginStore(),
  });
  const app = await serveLoopback(handler, Number(new URL(op.redirectUri).port));
  return {
    op,
    clock,
    origin,
    visitor: () => new Visitor(origin, (request) => fetch(request)),
    async [Symbol.asyncDispose]() {
      await app.close();
      await provider1.close();
      await op[Symbol.asyncDispose]();
    },
  };
}

/** Routes the provider's callback for `op` (its registered redirect URI is /callback). */
export function callbackPath(location: string): string {
  const url = new URL(location);
  return url.pathname === "/callback"
    ? `/callback/op${url.search}`
    : `${url.pathname}${url.search}`;
}

/** The path and query of a URL: what a browser visits on the app. */
export function pathOf(location: string): string {
  const url = new URL(location);
  return `${url.pathname}${url.search}`;
}

/** The names of the login cookies a response sets (a value) or deletes (`Max-Age=0`). */
export function loginCookies(response: Response): { set: string[]; deleted: string[] } {
  const set: string[] = [];
  const deleted: string[] = [];
  for (const line of response.headers.getSetCookie()) {
    const name = line.slice(0, line.indexOf("="));
    if (!name.startsWith("__Host-oauth-")) continue;
    (/; Max-Age=0(;|$)/.test(line) ? deleted : set).push(name);
  }
  return { set, deleted };
}
