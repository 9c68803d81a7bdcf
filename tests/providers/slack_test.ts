import assert from "node:assert/strict";
import { OAuth2Client, OAuthResponseError } from "../../mod.ts";
import { slack } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "1.2", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Slack",
  ...CLIENT,
  authorizationEndpoint: "https://slack.com/openid/connect/authorize",
  tokenEndpoint: "https://slack.com/api/openid.connect.token",
  clientAuth: ["post"],
  pkce: "supported",
  // Without token rotation Slack answers no refresh token and no expiry.
  tokenResponse: ({ refresh_token: _, expires_in: __, ...token }) => ({ ok: true, ...token }),
  // Web API methods fail with HTTP 200 and `ok: false`.
  errorResponse: (_status, error) =>
    Response.json({ ok: false, error: error === "invalid_grant" ? "invalid_code" : error }),
  oidc: {
    issuer: "https://slack.com",
    jwksUri: "https://slack.com/openid/connect/keys",
    userinfoEndpoint: "https://slack.com/api/openid.connect.userInfo",
    claims: { "https://slack.com/team_id": "T0123" },
  },
  api: {
    "https://slack.com/api/openid.connect.userInfo": () =>
      Response.json({
        ok: true,
        sub: USER.id,
        email: USER.email,
        email_verified: true,
        name: USER.name,
        picture: USER.picture,
      }),
  },
};

Deno.test("slack signs in with OpenID Connect against an emulated Slack, discovered", async () => {
  const flow = await codeFlow(slack(CLIENT), await emulate(SPEC), {
    discover: true,
    refresh: false,
  });
  assert.equal(flow.request.url.searchParams.get("scope"), "openid profile email");
  assert.equal(flow.token.ok, true);
  assert.equal(flow.client.idTokenClaims?.["https://slack.com/team_id"], "T0123");
  assertUser(flow.profile, { emailVerified: true });
});

Deno.test("slack reports an HTTP 200 answer with ok: false as the error it names", async () => {
  const emulator = await emulate(SPEC);
  const client = new OAuth2Client({ ...slack(CLIENT), fetch: emulator.fetch });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = emulator.authorize(url);
  await client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce });
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce }),
    (error) => error instanceof OAuthResponseError && error.error === "invalid_code",
  );
});

Deno.test("slack sends the secret in the body, which the emulated Slack requires", async () => {
  const emulator = await emulate(SPEC);
  await codeFlow(slack(CLIENT), emulator, { refresh: false });
  assert.equal(emulator.tokenRequests[0].params.client_secret, "secret");
  assert.equal(emulator.tokenRequests[0].headers.get("authorization"), null);
  await assert.rejects(
    codeFlow({ ...slack(CLIENT), clientAuthentication: "client_secret_basic" }, emulator),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
  assert.throws(() => slack({ clientId: "1.2" }), TypeError);
});
