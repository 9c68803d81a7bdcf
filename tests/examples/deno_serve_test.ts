/**
 * examples/deno_serve.ts, served by `Deno.serve` on loopback, against oidc-provider and driven
 * like a browser: its Fresh-style routes, the session kept server-side, and the registry's
 * pages for what fails.
 */
import assert from "node:assert/strict";
import { denoServeApp } from "../../examples/deno_serve.ts";
import { serveLoopback } from "../_loopback.ts";
import { POST_LOGOUT_REDIRECT_URI } from "../oauth2/_oidc_config.ts";
import { type OidcTestProvider, startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "./_visitor.ts";

async function setup() {
  const op = await startOidcProvider();
  const app = denoServeApp({
    issuer: op.issuer,
    clientId: op.clients.basic.clientId,
    clientSecret: op.clients.basic.clientSecret,
    redirectUri: op.redirectUri,
    postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI,
    cookieSecret: "the deno serve example's cookie secret, 32+",
  });
  const server = await serveLoopback(app, Number(new URL(op.redirectUri).port));
  return {
    op,
    visitor: () => new Visitor(server.origin, (request) => fetch(request)),
    async [Symbol.asyncDispose]() {
      await server.close();
      await op[Symbol.asyncDispose]();
    },
  };
}

function grants(op: OidcTestProvider) {
  return op.requests("/token").map((request) => request.body?.grant_type);
}

Deno.test("on Deno.serve the app logs a visitor in, shows and answers userinfo, and logout ends the session on the server and at the provider", async () => {
  await using env = await setup();
  const alice = env.visitor();
  assert.match(await (await alice.visit("/")).text(), /Log in/);
  assert.equal((await alice.login(env.op)).status, 302);
  assert.equal(await (await alice.visit("/")).text(), "Logged in as alice.");
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice", name: "alice" } });
  assert.deepEqual(grants(env.op), ["authorization_code"]);

  const copy = alice.jar.header(new URL("/me", alice.origin));
  const logout = await alice.visit("/logout", "POST");
  assert.equal(logout.status, 302);
  const endSession = new URL(logout.headers.get("location")!);
  assert.equal(endSession.origin + endSession.pathname, env.op.metadata.end_session_endpoint);
  assert.equal(endSession.searchParams.get("post_logout_redirect_uri"), POST_LOGOUT_REDIRECT_URI);
  assert.equal(env.op.requestCount("/token/revocation"), 1, "the grant is revoked");
  assert.match(await (await alice.visit("/")).text(), /Log in/);
  assert.match(await (await alice.visit("/logged-out")).text(), /Logged out/);
  const replay = await fetch(new URL("/me", alice.origin), { headers: { cookie: copy } });
  assert.equal(replay.status, 401, "a copy of the cookie is worth nothing after logout");
  await replay.body?.cancel();
  assert.deepEqual(env.op.serverErrors, []);
});

Deno.test("the routes answer only their methods, and a forged callback is the registry's 400 page", async () => {
  await using env = await setup();
  const alice = env.visitor();
  assert.equal((await alice.visit("/logout")).status, 405);
  assert.equal((await alice.visit("/login", "POST")).status, 405);
  assert.equal((await alice.visit("/nowhere")).status, 404);

  const start = await alice.visit("/login");
  const callback = await env.op.authorize(start.headers.get("location")!);
  const forged = await env.visitor().visit(callback);
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /state_unknown/);
  assert.deepEqual(grants(env.op), []);
});
