import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { coinbase } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Coinbase",
  ...CLIENT,
  authorizationEndpoint: "https://login.coinbase.com/oauth2/auth",
  tokenEndpoint: "https://login.coinbase.com/oauth2/token",
  revocationEndpoint: "https://login.coinbase.com/oauth2/revoke",
  clientAuth: ["post"],
  scopeSeparator: ",",
  pkce: "supported",
  tokenResponse: (token) => ({ ...token, token_type: "bearer" }),
  api: {
    "https://api.coinbase.com/v2/user": () =>
      Response.json({
        data: {
          id: USER.id,
          name: USER.name,
          username: "ada",
          avatar_url: USER.picture,
          email: USER.email,
          resource: "user",
        },
      }),
  },
};

Deno.test("coinbase runs the code flow with comma-separated scopes against an emulated Coinbase", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(coinbase(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.get("scope"), "wallet:user:read,wallet:user:email");
  assertUser(flow.profile);
  // A refresh token is spent once.
  await assert.rejects(
    flow.client.refreshToken(flow.token.refresh_token),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_grant",
  );
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
  assert.throws(() => coinbase({ clientId: "app" }), TypeError);
});
