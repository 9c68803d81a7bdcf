/**
 * `@x/oauth/web` as an app uses it: a small `Request → Response` app under a real server,
 * logging users in with oidc-provider (OpenID Connect) and with the OAuth 1.0a example
 * provider, followed like a browser with a cookie jar; then every way a login cookie can be
 * missing, forged, stale or replayed.
 */
import assert from "node:assert/strict";
import { MemoryLoginStore, OAuthRegistry } from "../../web/mod.ts";
import { webApp } from "./_app.ts";
import type { Token } from "../../oauth2/mod.ts";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "../examples/_visitor.ts";

const SECRET = "the web registry test's cookie secret";

/** The app: /login/<provider>, /callback/<provider>, /me/<provider>. Sessions in memory. */
async function setup() {
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
function callbackPath(location: string): string {
  const url = new URL(location);
  return url.pathname === "/callback"
    ? `/callback/op${url.search}`
    : `${url.pathname}${url.search}`;
}

Deno.test("OpenID Connect login through the registry: sealed cookie, validated ID token, then an API call", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  assert.equal(start.status, 302);
  assert.match(
    start.headers.getSetCookie()[0],
    /^__Host-oauth-op=[\w-]{100,}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
  );
  const callback = await env.op.authorize(start.headers.get("location")!);
  const done = await alice.visit(callbackPath(callback));
  assert.equal(done.status, 200, await done.clone().text());
  assert.deepEqual(await done.json(), { sub: "alice" });
  const me = await alice.visit("/me/op");
  assert.equal(me.status, 200);
  assert.equal((await me.json()).sub, "alice");
});

Deno.test("OAuth 1.0a login through the same registry, then a signed API call", async () => {
  await using env = await setup();
  const bob = env.visitor();
  const start = await bob.visit("/login/legacy");
  const approval = await fetch(start.headers.get("location")!, { redirect: "manual" });
  const done = await bob.visit(
    new URL(approval.headers.get("location")!).pathname +
      new URL(approval.headers.get("location")!).search,
  );
  assert.equal(done.status, 200, await done.clone().text());
  const me = await bob.visit("/me/legacy");
  assert.equal(me.status, 200);
  assert.deepEqual(await me.json(), { name: "Ada Lovelace", screen_name: "ada" });
});

Deno.test("a callback without this browser's cookie, with a forged, stale or doubled one, or replayed, is state_unknown", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const callback = callbackPath(await env.op.authorize(start.headers.get("location")!));
  const withCookie = async (header: string | undefined) => {
    const response = await fetch(new URL(callback, env.origin), {
      headers: header ? { cookie: header } : {},
    });
    return (await response.json()).error;
  };
  const [name, value] = cookie.split("=");
  const flipped = `${name}=${value.slice(0, 30)}${value[30] === "A" ? "B" : "A"}${value.slice(31)}`;
  assert.equal(await withCookie(undefined), "state_unknown", "another browser (CVE-2025-68158)");
  assert.equal(await withCookie(flipped), "state_unknown", "tampered");
  assert.equal(
    await withCookie(`${cookie}; ${cookie}`),
    "state_unknown",
    "a second cookie of the same name",
  );
  assert.equal(
    await withCookie(`${cookie};${cookie}`),
    "state_unknown",
    "not the RFC 6265 grammar",
  );
  env.clock.now += 11 * 60 * 1000;
  assert.equal(await withCookie(cookie), "state_unknown", "after ten minutes");
  env.clock.now -= 11 * 60 * 1000;
  assert.equal(env.op.requestCount("/token"), 0, "no token request for any of them");

  const done = await alice.visit(callback);
  assert.equal(done.status, 200);
  const again = await alice.visit(callback); // the browser's cookie is gone: a replay
  assert.equal((await again.json()).error, "state_unknown");
  // A thief with the cookie and the callback URL: the store of finished logins refuses it.
  assert.equal(await withCookie(cookie), "state_unknown", "replayed with its cookie");
  assert.equal(env.op.requestCount("/token"), 1);
});

Deno.test("API calls with one expired session token refresh once, and every waiting request hears of it", async () => {
  const NOW = 1_700_000_000_000;
  let refreshes = 0;
  const updates: [string, Request][] = [];
  const expired: Token = {
    access_token: "old",
    token_type: "Bearer",
    refresh_token: "r1",
    expires_at: NOW / 1000 - 5,
  };
  const oauth = new OAuthRegistry({
    secret: SECRET,
    now: () => NOW,
    fetchToken: () => Promise.resolve(expired),
    updateToken: (_name, token, request) => void updates.push([token.access_token, request]),
    fetch: (request) => {
      if (request.url.endsWith("/token")) {
        refreshes++;
        return Promise.resolve(
          Response.json({
            access_token: "new",
            token_type: "Bearer",
            refresh_token: "r2",
            expires_in: 600,
          }),
        );
      }
      const ok = request.headers.get("authorization") === "Bearer new";
      return Promise.resolve(new Response(null, { status: ok ? 200 : 401 }));
    },
  });
  oauth.register("api", {
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    apiBaseUrl: "https://api.example/v1/",
  });
  const requests = Array.from(
    { length: 10 },
    (_, i) => new Request(`https://app.example/page/${i}`),
  );
  const responses = await Promise.all(
    requests.map((request) => oauth.client("api").get("items", { request })),
  );
  assert.deepEqual(responses.map((response) => response.status), Array(10).fill(200));
  assert.equal(refreshes, 1);
  assert.deepEqual(updates.map(([token]) => token), Array(10).fill("new"));
  assert.deepEqual(new Set(updates.map(([, request]) => request)), new Set(requests));
});

Deno.test("errorResponse: a 400 page (the app's own when given) that clears the login cookies", async () => {
  const plain = new OAuthRegistry({ secret: SECRET });
  plain.register("a", { clientId: "x" });
  const request = new Request("https://app.example/callback/a");
  const failure = await plain.client("a").authorizeAccessToken(request).catch((error) => error);
  const page = await plain.errorResponse(failure, request);
  assert.equal(page.status, 400);
  assert.match(await page.text(), /The login failed \(state_unknown\)/);
  assert.match(page.headers.getSetCookie()[0], /^__Host-oauth-a=; .*Max-Age=0/);
  const custom = new OAuthRegistry({
    secret: SECRET,
    errorPage: (error) => Response.json({ oops: error.code }, { status: 403 }),
  });
  const mine = await custom.errorResponse(failure, request);
  assert.equal(mine.status, 403);
  assert.deepEqual(await mine.json(), { oops: "state_unknown" });
  await assert.rejects(custom.errorResponse(new Error("a bug"), request), /a bug/);
});

Deno.test("the registry refuses a short secret, odd names and unknown providers", () => {
  assert.throws(() => new OAuthRegistry({ secret: "short" }), TypeError);
  const oauth = new OAuthRegistry({ secret: SECRET });
  assert.throws(() => oauth.register("no spaces", { clientId: "x" }), TypeError);
  assert.throws(() => oauth.register("x", { clientId: "" }), TypeError);
  assert.throws(() => oauth.client("nobody"), TypeError);
});
