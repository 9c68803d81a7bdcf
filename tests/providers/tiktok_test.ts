import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { tiktok as tiktokHooks } from "../../hooks/mod.ts";
import { tiktok } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "awkey", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "TikTok",
  ...CLIENT,
  authorizationEndpoint: "https://www.tiktok.com/v2/auth/authorize/",
  tokenEndpoint: "https://open.tiktokapis.com/v2/oauth/token/",
  revocationEndpoint: "https://open.tiktokapis.com/v2/oauth/revoke/",
  clientIdParameter: "client_key",
  tokenClientIdParameter: "client_key",
  clientAuth: ["post"],
  scopeSeparator: ",",
  pkce: "supported",
  tokenResponse: (token) => ({
    ...token,
    expires_in: 86400,
    open_id: USER.id,
    refresh_expires_in: 31536000,
  }),
  api: {
    "https://open.tiktokapis.com/v2/user/info/": (request) => {
      assert.match(new URL(request.url).searchParams.get("fields")!, /open_id/);
      return Response.json({
        data: { user: { open_id: USER.id, display_name: USER.name, avatar_url: USER.picture } },
        error: { code: "ok", message: "", log_id: "20240101" },
      });
    },
  },
};

Deno.test("tiktok names the client client_key everywhere against an emulated TikTok", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(
    tiktok({ ...CLIENT, scope: ["user.info.basic", "video.list"] }),
    emulator,
  );
  assert.equal(flow.request.url.searchParams.get("scope"), "user.info.basic,video.list");
  assert.equal(flow.token.open_id, USER.id);
  assert.equal(flow.token.scope, "user.info.basic video.list");
  for (const request of emulator.tokenRequests) {
    assert.equal(request.params.client_key, "awkey");
    assert.equal(request.params.client_id, undefined);
  }
  assertUser(flow.profile, { email: undefined });
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("tiktok is refused a token request that names client_id only, without its hook", async () => {
  await assert.rejects(
    codeFlow({ ...tiktok(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
});

Deno.test("tiktok's comma-separated scopes: a space-separated list is refused", async () => {
  assert.equal(tiktok(CLIENT).scope, "user.info.basic");
  await assert.rejects(
    codeFlow(tiktok({ ...CLIENT, scope: "user.info.basic video.list" }), await emulate(SPEC)),
    /scopes are separated by ","/,
  );
  assert.throws(() => tiktok({ clientId: "awkey" }), TypeError);
});

Deno.test("tiktok's hook keeps a client_key already there and leaves a body without client_id alone", async () => {
  const [hook] = tiktokHooks.accessTokenRequest!;
  const send = (body: string) =>
    hook(
      new Request("https://open.tiktokapis.com/v2/oauth/token/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
  assert.equal(await (await send("client_key=k&client_id=other")).text(), "client_key=k");
  assert.equal(await (await send("code=c")).text(), "code=c");
});

Deno.test("tiktok works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    tiktok(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});
