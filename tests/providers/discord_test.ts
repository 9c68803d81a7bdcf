import assert from "node:assert/strict";
import { discord } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "1234", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(avatar: string | null): ProviderSpec {
  return {
    name: "Discord",
    ...CLIENT,
    authorizationEndpoint: "https://discord.com/oauth2/authorize",
    tokenEndpoint: "https://discord.com/api/oauth2/token",
    revocationEndpoint: "https://discord.com/api/oauth2/token/revoke",
    clientAuth: ["basic", "post"],
    pkce: "supported",
    tokenResponse: (token) => ({ ...token, expires_in: 604800 }),
    api: {
      "https://discord.com/api/users/@me": () =>
        Response.json({
          id: USER.id,
          username: "ada",
          global_name: USER.name,
          avatar,
          email: USER.email,
          verified: true,
        }),
    },
  };
}

Deno.test("discord runs the code flow, refresh, profile and revocation against an emulated Discord", async () => {
  const emulator = await emulate(spec("a1b2c3"));
  const flow = await codeFlow(discord(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.get("scope"), "identify email");
  assert.equal(flow.token.expires_in, 604800);
  assert.notEqual(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile, {
    emailVerified: true,
    picture: `https://cdn.discordapp.com/avatars/${USER.id}/a1b2c3.png`,
  });
  await flow.client.revokeToken();
  assert.ok(emulator.revoked.has(flow.refreshed!.refresh_token!));
});

Deno.test("discord builds no picture for a user who kept the default avatar", async () => {
  const flow = await codeFlow(discord(CLIENT), await emulate(spec(null)), { refresh: false });
  assertUser(flow.profile, { emailVerified: true, picture: undefined });
});

Deno.test("discord authenticates with HTTP Basic, or as a public client without a secret", () => {
  assert.equal(discord(CLIENT).clientAuthentication, "client_secret_basic");
  assert.equal(discord({ clientId: "1234" }).clientAuthentication, "none");
});
