import assert from "node:assert/strict";
import { OAuth2Client, OAuthError, OAuthResponseError } from "../../mod.ts";
import { fitbit } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = {
  clientId: "23ABCD",
  clientSecret: "secret",
  redirectUri: "https://app.example/cb",
};

function spec(clientSecret?: string): ProviderSpec {
  return {
    name: "Fitbit",
    ...CLIENT,
    clientSecret,
    authorizationEndpoint: "https://www.fitbit.com/oauth2/authorize",
    tokenEndpoint: "https://api.fitbit.com/oauth2/token",
    revocationEndpoint: "https://api.fitbit.com/oauth2/revoke",
    clientAuth: clientSecret ? ["basic"] : ["none"],
    pkce: "supported",
    tokenResponse: (token) => ({ ...token, expires_in: 28800, user_id: "ABC123" }),
    errorResponse: (status, errorType, message) =>
      Response.json({ errors: [{ errorType, message }], success: false }, { status }),
    api: {
      "https://api.fitbit.com/1/user/-/profile.json": () =>
        Response.json({
          user: { encodedId: USER.id, displayName: USER.name, avatar640: USER.picture },
        }),
    },
  };
}

Deno.test("fitbit runs the code flow for a server app and a client app against an emulated Fitbit", async () => {
  const server = await codeFlow(fitbit(CLIENT), await emulate(spec("secret")));
  assert.equal(server.token.user_id, "ABC123");
  assertUser(server.profile, { email: undefined });
  const client = await codeFlow(
    fitbit({ clientId: "23ABCD", redirectUri: CLIENT.redirectUri }),
    await emulate(spec()),
  );
  assert.equal(client.profile.id, USER.id);
});

Deno.test("fitbit reads Fitbit's errors array as the RFC 6749 error, which it is not without the hook", async () => {
  const emulator = await emulate(spec("secret"));
  const client = new OAuth2Client({ ...fitbit(CLIENT), fetch: emulator.fetch });
  await assert.rejects(
    client.fetchToken({ code: "spent", codeVerifier: "v".repeat(43) }),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_grant",
  );
  const strict = new OAuth2Client({ ...fitbit(CLIENT), hooks: [], fetch: emulator.fetch });
  await assert.rejects(
    strict.fetchToken({ code: "spent", codeVerifier: "v".repeat(43) }),
    (error) => error instanceof OAuthError && error.code === "invalid_response",
  );
});
