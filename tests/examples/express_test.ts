/**
 * examples/express/ against oidc-provider: Express listening on a loopback port (under
 * `npm test` through Deno's Node compatibility, under `npm run test:node` on Node itself),
 * its routes fetch handlers behind @whatwg-node/server's adapter, driven like a browser.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { expressApp } from "../../examples/express/app.ts";
import { POST_LOGOUT_REDIRECT_URI } from "../oauth2/_oidc_config.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "./_visitor.ts";

const SESSION = "__Host-session";

/** oidc-provider, and the app listening on the origin of its registered redirect URI. */
async function setup() {
  const op = await startOidcProvider();
  const app = expressApp({
    issuer: op.issuer,
    clientId: op.clients.basic.clientId,
    clientSecret: op.clients.basic.clientSecret,
    redirectUri: op.redirectUri,
    postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI,
    cookieSecret: "the express example's cookie secret, 32+ chars",
  });
  const server = app.listen(Number(new URL(op.redirectUri).port), "127.0.0.1");
  await new Promise((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    op,
    origin,
    visitor: () => new Visitor(origin, (request) => fetch(request)),
    async [Symbol.asyncDispose]() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await op[Symbol.asyncDispose]();
    },
  };
}

Deno.test("the Express app logs a visitor in through the adapter, calls userinfo, and logout, here and at the provider, makes a copy of the session cookie worthless", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const login = await alice.visit("/login");
  assert.equal(login.status, 302);
  const [loginCookie] = login.headers.getSetCookie();
  assert.match(loginCookie, /^__Host-oauth-provider\.[\w-]+=/);
  const back = await alice.visit(await env.op.authorize(login.headers.get("location")!));
  assert.equal(back.status, 302);
  assert.equal(back.headers.get("location"), "/");
  assert.deepEqual(
    back.headers.getSetCookie().map((cookie) => cookie.split("=", 1)[0]).sort(),
    [SESSION, loginCookie.split("=", 1)[0]].sort(),
    "the adapter sends both cookies: the one ending the login, and the session",
  );
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice", name: "alice" } });
  assert.deepEqual(
    env.op.requests("/token").map((request) => request.body?.grant_type),
    ["authorization_code"],
  );

  const copy = alice.jar.header(new URL("/me", env.origin));
  const logout = await alice.visit("/logout", "POST");
  assert.equal(logout.status, 302);
  const endSession = new URL(logout.headers.get("location")!);
  assert.equal(endSession.origin + endSession.pathname, env.op.metadata.end_session_endpoint);
  assert.equal(endSession.searchParams.get("post_logout_redirect_uri"), POST_LOGOUT_REDIRECT_URI);
  assert.equal(env.op.requestCount("/token/revocation"), 1, "the grant is revoked");
  assert.match(await (await alice.visit("/logged-out")).text(), /Logged out/);
  const replay = await fetch(new URL("/me", env.origin), { headers: { cookie: copy } });
  assert.equal(replay.status, 401);
  assert.match(await replay.text(), /missing_token/);
  assert.deepEqual(env.op.serverErrors, []);
});

Deno.test("a callback opened in another browser is the registry's 400 page under Express, before any token request", async () => {
  await using env = await setup();
  const login = await env.visitor().visit("/login");
  const callback = await env.op.authorize(login.headers.get("location")!);
  const stranger = await env.visitor().visit(callback);
  assert.equal(stranger.status, 400);
  assert.match(await stranger.text(), /state_unknown/);
  assert.equal(env.op.requestCount("/token"), 0);
});
