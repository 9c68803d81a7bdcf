/**
 * examples/cloudflare_worker.ts as Cloudflare runs it: bundled by esbuild, loaded into workerd
 * by miniflare with its configuration as bindings, and driven like a browser against
 * oidc-provider on loopback (the Worker's own fetches reach it over real HTTP).
 */
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { dispatchTo, workerdBundle } from "../_workerd_bundle.ts";
import { Visitor } from "./_visitor.ts";

Deno.test("the Worker logs a visitor in, calls the API with the token and logs out", async () => {
  await using op = await startOidcProvider();
  const mf = new Miniflare({
    modules: true,
    script: await workerdBundle({ file: "examples/cloudflare_worker.ts" }),
    compatibilityDate: "2025-09-01",
    bindings: {
      OAUTH_CLIENT_ID: op.clients.post.clientId,
      OAUTH_CLIENT_SECRET: op.clients.post.clientSecret,
      OAUTH_ISSUER: op.issuer,
      OAUTH_AUTHORIZATION_ENDPOINT: op.authorizationEndpoint,
      OAUTH_TOKEN_ENDPOINT: op.tokenEndpoint,
      OAUTH_REVOCATION_ENDPOINT: op.revocationEndpoint,
      OAUTH_API_URL: op.userinfoEndpoint,
      OAUTH_REDIRECT_URI: op.redirectUri,
      OAUTH_SCOPE: "openid",
      COOKIE_SECRET: "the-worker-cookie-secret-32-chars-or-more",
    },
  });
  try {
    const visitor = new Visitor(new URL(op.redirectUri).origin, dispatchTo(mf));
    assert.match(await (await visitor.visit("/")).text(), /Log in/);
    const callback = await visitor.login(op);
    assert.equal(callback.status, 302);
    assert.deepEqual(await visitor.me(), { status: 200, body: { sub: "alice" } });
    assert.equal((await visitor.visit("/logout", "POST")).status, 302);
    assert.equal((await visitor.me()).status, 401);
    assert.deepEqual(
      op.requests("/token").map((request) => request.body?.grant_type),
      ["authorization_code"],
    );
    assert.equal(op.requestCount("/token/revocation"), 1);
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await mf.dispose();
  }
});
