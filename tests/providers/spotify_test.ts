import assert from "node:assert/strict";
import { spotify } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(clientSecret?: string): ProviderSpec {
  return {
    name: "Spotify",
    ...CLIENT,
    clientSecret,
    authorizationEndpoint: "https://accounts.spotify.com/authorize",
    tokenEndpoint: "https://accounts.spotify.com/api/token",
    clientAuth: clientSecret ? ["basic", "post"] : ["none"],
    pkce: "supported",
    // A refresh may answer without a new refresh token: the old one stays good.
    tokenResponse: (token, { grant }) => {
      if (grant === "authorization_code") return token;
      const { refresh_token: _, ...rest } = token;
      return rest;
    },
    api: {
      "https://api.spotify.com/v1/me": () =>
        Response.json({
          id: USER.id,
          display_name: USER.name,
          email: USER.email,
          images: [{ url: USER.picture, height: 300, width: 300 }],
        }),
    },
  };
}

Deno.test("spotify runs the code flow and keeps the refresh token a refresh does not replace", async () => {
  const flow = await codeFlow(spotify(CLIENT), await emulate(spec("secret")));
  assert.equal(flow.request.url.searchParams.get("scope"), "user-read-email user-read-private");
  assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile);
});

Deno.test("spotify lets a public client use PKCE without a secret", async () => {
  const emulator = await emulate(spec());
  const flow = await codeFlow(
    spotify({ clientId: "app", redirectUri: CLIENT.redirectUri }),
    emulator,
  );
  assert.equal(emulator.tokenRequests[1].params.client_id, "app");
  assert.equal(flow.profile.id, USER.id);
});
