import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { box } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Box",
  ...CLIENT,
  authorizationEndpoint: "https://account.box.com/api/oauth2/authorize",
  tokenEndpoint: "https://api.box.com/oauth2/token",
  revocationEndpoint: "https://api.box.com/oauth2/revoke",
  clientAuth: ["post"],
  pkce: "unsupported",
  tokenResponse: ({ scope: _, ...token }) => ({
    ...token,
    token_type: "bearer",
    restricted_to: [],
  }),
  api: {
    "https://api.box.com/2.0/users/me": () =>
      Response.json({
        type: "user",
        id: USER.id,
        name: USER.name,
        login: USER.email,
        avatar_url: USER.picture,
      }),
  },
};

Deno.test("box runs the code flow, spends each refresh token once, and revokes, against an emulated Box", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(box(CLIENT), emulator);
  assert.deepEqual(flow.token.restricted_to, []);
  assertUser(flow.profile);
  await assert.rejects(
    flow.client.refreshToken(flow.token.refresh_token),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_grant",
  );
  await flow.client.revokeToken();
  assert.ok(emulator.revoked.has(flow.refreshed!.refresh_token!));
  assert.throws(() => box({ clientId: "app" }), TypeError);
});
