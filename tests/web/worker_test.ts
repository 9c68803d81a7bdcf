/**
 * The web tests' app (`_app.ts`) as a Cloudflare Worker under miniflare: bundled for workerd,
 * configured through a binding, logging a browser in with oidc-provider (OpenID Connect) and
 * with the OAuth 1.0a example provider, both on loopback; and a forged cookie refused there.
 */
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "../examples/_visitor.ts";
import { dispatchTo, workerdBundle } from "../_workerd_bundle.ts";

const WORKER = `
import { webApp } from "./tests/web/_app.ts";
let app;
export default {
  fetch(request, env) {
    app ??= webApp(JSON.parse(env.CONFIG));
    return app(request);
  },
};
`;

Deno.test("the registry app as a Worker: OpenID Connect and OAuth 1.0a logins, API calls, a forged cookie refused", async () => {
  await using op = await startOidcProvider();
  const oauth1 = createOAuth1Provider({ consumerKey: "web-app", consumerSecret: "web-secret" });
  await using provider1 = await serveLoopback(oauth1.handle);
  const mf = new Miniflare({
    modules: true,
    script: await workerdBundle({ contents: WORKER }),
    compatibilityDate: "2025-09-01",
    bindings: {
      CONFIG: JSON.stringify({
        secret: "the Worker test's cookie secret, long enough",
        issuer: op.issuer,
        ...op.clients.basic,
        redirectUri: op.redirectUri,
        oauth1Origin: provider1.origin,
      }),
    },
  });
  try {
    const browser = new Visitor(new URL(op.redirectUri).origin, dispatchTo(mf));
    const start = await browser.visit("/login/op");
    const callback = new URL(await op.authorize(start.headers.get("location")!));
    const done = await browser.visit(`/callback/op${callback.search}`);
    assert.deepEqual(await done.json(), { sub: "alice" });
    assert.equal((await (await browser.visit("/me/op")).json()).sub, "alice");

    const legacy = await browser.visit("/login/legacy");
    const approval = await fetch(legacy.headers.get("location")!, { redirect: "manual" });
    const back = new URL(approval.headers.get("location")!);
    assert.equal((await browser.visit(`${back.pathname}${back.search}`)).status, 200);
    assert.deepEqual(await (await browser.visit("/me/legacy")).json(), {
      name: "Ada Lovelace",
      screen_name: "ada",
    });

    const again = await browser.visit("/login/op");
    const forgedCallback = new URL(await op.authorize(again.headers.get("location")!));
    const forged = await mf.dispatchFetch(`${op.redirectUri}/op${forgedCallback.search}`, {
      headers: {
        cookie: "__Host-oauth-op=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      },
    });
    assert.deepEqual(await forged.json(), { error: "state_unknown" });
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await mf.dispose();
  }
});
