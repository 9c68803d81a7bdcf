import assert from "node:assert/strict";
import { atlassian } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Atlassian",
  ...CLIENT,
  authorizationEndpoint: "https://auth.atlassian.com/authorize",
  tokenEndpoint: "https://auth.atlassian.com/oauth/token",
  clientAuth: ["post"],
  pkce: "supported",
  authorizationParams: { audience: "api.atlassian.com", prompt: "consent" },
  api: {
    "https://api.atlassian.com/me": () =>
      Response.json({
        account_type: "atlassian",
        account_id: USER.id,
        email: USER.email,
        name: USER.name,
        picture: USER.picture,
        account_status: "active",
      }),
  },
};

Deno.test("atlassian runs the 3LO code flow with audience and consent against an emulated Atlassian", async () => {
  const flow = await codeFlow(atlassian(CLIENT), await emulate(SPEC));
  assert.equal(flow.request.url.searchParams.get("scope"), "read:me offline_access");
  assert.notEqual(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile);
});

Deno.test("atlassian's audience and prompt are what the emulation insists on", async () => {
  await assert.rejects(
    codeFlow(
      { ...atlassian(CLIENT), authorizationParams: { prompt: "consent" } },
      await emulate(SPEC),
    ),
    /audience required/,
  );
  assert.throws(() => atlassian({ clientId: "app" }), TypeError);
});
