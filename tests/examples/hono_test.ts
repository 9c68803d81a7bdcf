/**
 * examples/hono/ against oidc-provider, driven like a browser: the one Hono app served by the
 * server of the runtime the suite runs on (`Deno.serve` under `npm test`, `@hono/node-server`
 * under `npm run test:node`, `Bun.serve` under `npm run test:bun`), and as a Worker in workerd
 * under miniflare (examples/hono/worker.ts, bundled as Cloudflare would).
 */
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { honoApp, type HonoAppConfig } from "../../examples/hono/app.ts";
import { serve } from "../../examples/hono/serve.ts";
import { CookieJar, endSessionAsBrowser } from "../oauth2/_oidc_browser.ts";
import { POST_LOGOUT_REDIRECT_URI } from "../oauth2/_oidc_config.ts";
import { type OidcTestProvider, startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { dispatchTo, workerdBundle } from "../_workerd_bundle.ts";
import { Visitor } from "./_visitor.ts";

const SESSION = "__Host-session";
const COOKIE_SECRET = "the hono example's cookie secret, 32+ chars";

function config(op: OidcTestProvider): HonoAppConfig {
  return {
    issuer: op.issuer,
    clientId: op.clients.basic.clientId,
    clientSecret: op.clients.basic.clientSecret,
    redirectUri: op.redirectUri,
    postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI,
    cookieSecret: COOKIE_SECRET,
  };
}

function session(visitor: Visitor): string | undefined {
  const header = visitor.jar.header(new URL("/", visitor.origin));
  return new RegExp(`(?:^|; )${SESSION}=([^;]+)`).exec(header)?.[1];
}

function grants(op: OidcTestProvider) {
  return op.requests("/token").map((request) => request.body?.grant_type);
}

/** Logs `visitor` out: answers the end-session URL the app redirected to, once checked. */
async function logout(visitor: Visitor, op: OidcTestProvider): Promise<URL> {
  const logout = await visitor.visit("/logout", "POST");
  assert.equal(logout.status, 302);
  const location = new URL(logout.headers.get("location")!);
  assert.equal(location.origin + location.pathname, op.metadata.end_session_endpoint);
  assert.equal(location.searchParams.get("post_logout_redirect_uri"), POST_LOGOUT_REDIRECT_URI);
  assert.match(location.searchParams.get("id_token_hint")!, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.equal(session(visitor), undefined, "the session cookie is deleted");
  assert.equal(op.requestCount("/token/revocation"), 1, "the grant is revoked");
  return location;
}

Deno.test("on this runtime's own server (Deno.serve, @hono/node-server or Bun.serve) the Hono app logs a visitor in, shows userinfo, keeps a refreshed token and logs out here and at the provider", async () => {
  await using op = await startOidcProvider();
  const clock = { now: Date.now() };
  const app = honoApp({ ...config(op), now: () => clock.now });
  const served = await serve(app, { port: Number(new URL(op.redirectUri).port) });
  try {
    const alice = new Visitor(`http://127.0.0.1:${served.port}`, (request) => fetch(request));
    assert.match(await (await alice.visit("/")).text(), /<a href="\/login">Log in<\/a>/);
    assert.equal((await alice.login(op)).status, 302);
    const home = await alice.visit("/");
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Logged in as <b id="name">alice<\/b>/);
    assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice", name: "alice" } });
    assert.deepEqual(grants(op), ["authorization_code"]);

    // Into the access token's last 30 seconds: the next call refreshes it first.
    const before = session(alice);
    clock.now += 3590 * 1000;
    assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice", name: "alice" } });
    assert.deepEqual(grants(op), ["authorization_code", "refresh_token"]);
    assert.notEqual(session(alice), before, "the refreshed token is in the session cookie");
    assert.equal((await alice.me()).status, 200);
    assert.deepEqual(grants(op), ["authorization_code", "refresh_token"], "no second refresh");

    const endSession = await logout(alice, op);
    assert.equal((await alice.visit("/me")).status, 401);
    // The provider (its session already gone with the test's browser) sends the browser back.
    const back = await endSessionAsBrowser(endSession, op.issuer, new CookieJar());
    assert.equal(back, POST_LOGOUT_REDIRECT_URI);
    assert.match(await (await alice.visit(back)).text(), /Logged out/);
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await served.close();
  }
});

Deno.test("a failed login is the registry's 400 page and a visit without a session its 401, through Hono's onError", async () => {
  await using op = await startOidcProvider();
  const app = honoApp(config(op));
  const origin = new URL(op.redirectUri).origin;
  const alice = new Visitor(origin, async (request) => await app.fetch(request));
  const start = await alice.visit("/login");
  assert.equal(start.status, 302);
  const callback = await op.authorize(start.headers.get("location")!);

  const stranger = new Visitor(origin, async (request) => await app.fetch(request));
  const forged = await stranger.visit(callback);
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /state_unknown/);
  assert.equal((await stranger.visit("/me")).status, 401);
  assert.deepEqual(grants(op), [], "nothing reached the token endpoint");

  assert.equal((await alice.visit(callback)).status, 302, "the code still works for its browser");
  assert.deepEqual(grants(op), ["authorization_code"]);
});

Deno.test("in workerd the Hono app, as a Worker, logs a visitor in, calls userinfo and logs out", async () => {
  await using op = await startOidcProvider();
  const mf = new Miniflare({
    modules: true,
    script: await workerdBundle({ file: "examples/hono/worker.ts" }),
    compatibilityDate: "2025-09-01",
    bindings: {
      OAUTH_ISSUER: op.issuer,
      OAUTH_CLIENT_ID: op.clients.post.clientId,
      OAUTH_CLIENT_SECRET: op.clients.post.clientSecret,
      OAUTH_REDIRECT_URI: op.redirectUri,
      OAUTH_POST_LOGOUT_REDIRECT_URI: POST_LOGOUT_REDIRECT_URI,
      COOKIE_SECRET,
    },
  });
  try {
    const alice = new Visitor(new URL(op.redirectUri).origin, dispatchTo(mf));
    assert.equal((await alice.login(op)).status, 302);
    assert.match(await (await alice.visit("/")).text(), /Logged in as <b id="name">alice<\/b>/);
    assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice", name: "alice" } });
    await logout(alice, op);
    assert.equal((await alice.visit("/me")).status, 401);
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await mf.dispose();
  }
});
