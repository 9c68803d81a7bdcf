/**
 * examples/deno_deploy.ts against oidc-provider, with its sessions in a Deno KV database in
 * memory: the cookie holds a session id, the token is in KV, and logout deletes it there, so a
 * copy of the cookie is refused at once; failures reach the log without the cookies or code.
 */
import assert from "node:assert/strict";
import { deployApp, KvSessionStore } from "../../examples/deno_deploy.ts";
import type { Token } from "../../mod.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "./_visitor.ts";

const SESSION = "__Host-oauth-session";

Deno.test("on Deno Deploy the session is in KV: logout deletes it, and a copy of the cookie is refused", async () => {
  await using op = await startOidcProvider();
  using kv = await Deno.openKv(":memory:");
  const logged: [unknown, Request][] = [];
  const app = deployApp(
    {
      OAUTH_CLIENT_ID: op.clients.basic.clientId,
      OAUTH_CLIENT_SECRET: op.clients.basic.clientSecret,
      OAUTH_ISSUER: op.issuer,
      OAUTH_AUTHORIZATION_ENDPOINT: op.authorizationEndpoint,
      OAUTH_TOKEN_ENDPOINT: op.tokenEndpoint,
      OAUTH_REVOCATION_ENDPOINT: op.revocationEndpoint,
      OAUTH_API_URL: op.userinfoEndpoint,
      OAUTH_REDIRECT_URI: op.redirectUri,
      OAUTH_SCOPE: "openid",
      COOKIE_SECRET: "the deploy test's cookie secret, 32+ chars",
    },
    kv,
    (error, request) => void logged.push([error, request]),
  );
  await using server = await serveLoopback(app, Number(new URL(op.redirectUri).port));
  const alice = new Visitor(server.origin, (request) => fetch(request));
  assert.equal((await alice.login(op)).status, 302);
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });
  const sessions = await Array.fromAsync(kv.list<Token>({ prefix: ["sessions"] }));
  assert.equal(sessions.length, 1);
  assert.ok(sessions[0].value.access_token);
  const copy = alice.jar.header(new URL("/me", server.origin));
  assert.match(copy, new RegExp(`${SESSION}=`));

  assert.equal((await alice.visit("/logout", "POST")).status, 302);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: ["sessions"] })), []);
  const replay = await fetch(new URL("/me", server.origin), { headers: { cookie: copy } });
  assert.equal(replay.status, 401);
  assert.deepEqual(await replay.json(), { error: "not logged in" });
  assert.deepEqual(logged.map(([error]) => (error as { code: string }).code), ["missing_token"]);
  assert.equal(logged[0][1].headers.get("cookie"), null);
});

Deno.test("KvSessionStore keeps a token under its prefix until deleted, with KV's expiry", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvSessionStore(kv, ["app", "sessions"]);
  const token: Token = { access_token: "at", token_type: "Bearer" };
  await store.set("s1", token, 60);
  assert.deepEqual(await store.get("s1"), token);
  assert.deepEqual((await kv.get(["app", "sessions", "s1"])).value, token);
  await store.delete("s1");
  assert.equal(await store.get("s1"), undefined);
});
