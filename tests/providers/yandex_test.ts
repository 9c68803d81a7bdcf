import assert from "node:assert/strict";
import { OAuthError } from "../../mod.ts";
import { yandex } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Yandex",
  ...CLIENT,
  authorizationEndpoint: "https://oauth.yandex.com/authorize",
  tokenEndpoint: "https://oauth.yandex.com/token",
  clientAuth: ["basic", "post"],
  pkce: "supported",
  tokenResponse: (token) => ({ ...token, token_type: "bearer", expires_in: 31536000 }),
  // Yandex's APIs read the token with the OAuth scheme.
  apiToken: (request) => /^OAuth (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1],
  api: {
    "https://login.yandex.ru/info": () =>
      Response.json({
        id: USER.id,
        login: "ada",
        display_name: "ada",
        real_name: USER.name,
        default_email: USER.email,
        default_avatar_id: "131652443",
        is_avatar_empty: false,
      }),
  },
};

Deno.test("yandex reads the user with the OAuth scheme against an emulated Yandex", async () => {
  const flow = await codeFlow(yandex(CLIENT), await emulate(SPEC));
  assertUser(flow.profile, {
    picture: "https://avatars.yandex.net/get-yapic/131652443/islands-200",
  });
});

Deno.test("yandex without its hook sends a Bearer token that the emulated API refuses", async () => {
  await assert.rejects(
    codeFlow({ ...yandex(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthError && error.status === 401,
  );
});

Deno.test("yandex works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    yandex(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});
