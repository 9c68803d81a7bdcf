import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { zoom } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Zoom",
  ...CLIENT,
  authorizationEndpoint: "https://zoom.us/oauth/authorize",
  tokenEndpoint: "https://zoom.us/oauth/token",
  revocationEndpoint: "https://zoom.us/oauth/revoke",
  clientAuth: ["basic"],
  pkce: "supported",
  tokenResponse: (token) => ({
    ...token,
    token_type: "bearer",
    expires_in: 3599,
    scope: "user:read:user",
    api_url: "https://api.zoom.us",
  }),
  api: {
    "https://api.zoom.us/v2/users/me": () =>
      Response.json({
        id: USER.id,
        email: USER.email,
        display_name: USER.name,
        first_name: "Ada",
        last_name: "Lovelace",
        pic_url: USER.picture,
        verified: 1,
      }),
  },
};

Deno.test("zoom runs the code flow with Basic credentials and rotating refresh tokens against an emulated Zoom", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(zoom(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.has("scope"), false);
  assert.equal(flow.token.api_url, "https://api.zoom.us");
  assert.notEqual(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile, { emailVerified: true });
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("zoom is refused the secret in the body", async () => {
  await assert.rejects(
    codeFlow({ ...zoom(CLIENT), clientAuthentication: "client_secret_post" }, await emulate(SPEC)),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
  assert.throws(() => zoom({ clientId: "app" }), TypeError);
});
