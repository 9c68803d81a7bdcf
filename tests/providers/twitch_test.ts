import assert from "node:assert/strict";
import { OAuth2Client, OAuthError, OAuthResponseError } from "../../mod.ts";
import { twitch as twitchHooks } from "../../hooks/mod.ts";
import { twitch } from "../../providers/mod.ts";
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
  name: "Twitch",
  ...CLIENT,
  authorizationEndpoint: "https://id.twitch.tv/oauth2/authorize",
  tokenEndpoint: "https://id.twitch.tv/oauth2/token",
  revocationEndpoint: "https://id.twitch.tv/oauth2/revoke",
  clientAuth: ["post"],
  pkce: "supported",
  authorizationParams: { claims: true },
  // Twitch lists the scopes as an array and answers errors as { status, message }.
  tokenResponse: (token) => ({
    ...token,
    token_type: "bearer",
    scope: String(token.scope).split(" "),
  }),
  errorResponse: (status, error) =>
    Response.json({
      status,
      message: error === "invalid_grant" ? "Invalid authorization code" : "invalid client",
    }, { status }),
  oidc: {
    issuer: "https://id.twitch.tv/oauth2",
    jwksUri: "https://id.twitch.tv/oauth2/keys",
    userinfoEndpoint: "https://id.twitch.tv/oauth2/userinfo",
  },
  api: {
    "https://id.twitch.tv/oauth2/userinfo": () =>
      Response.json({
        aud: "app",
        sub: USER.id,
        email: USER.email,
        email_verified: true,
        picture: USER.picture,
        preferred_username: "ada_l",
      }),
  },
};

Deno.test("twitch signs in with OpenID Connect against an emulated Twitch, its scope array joined", async () => {
  const flow = await codeFlow(twitch(CLIENT), await emulate(SPEC), { discover: true });
  const claims = JSON.parse(flow.request.url.searchParams.get("claims")!);
  assert.deepEqual(Object.keys(claims.userinfo).sort(), [
    "email",
    "email_verified",
    "picture",
    "preferred_username",
  ]);
  assert.equal(flow.token.scope, "openid user:read:email");
  assert.equal(flow.refreshed?.scope, "openid user:read:email");
  assertUser(flow.profile, { emailVerified: true, name: "ada_l" });
});

Deno.test("twitch turns { status, message } into an RFC 6749 error", async () => {
  const emulator = await emulate(SPEC);
  const client = new OAuth2Client({ ...twitch(CLIENT), fetch: emulator.fetch });
  await assert.rejects(
    client.fetchToken({ code: "spent", codeVerifier: "v".repeat(43) }),
    (error) =>
      error instanceof OAuthResponseError && error.code === "invalid_grant" &&
      error.errorDescription === "Invalid authorization code",
  );
  const wrong = new OAuth2Client({
    ...twitch({ ...CLIENT, clientSecret: "wrong" }),
    fetch: emulator.fetch,
  });
  await assert.rejects(
    wrong.fetchToken({ code: "c", codeVerifier: "v".repeat(43) }),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
});

Deno.test("twitch without its hook cannot read Twitch's scope array", async () => {
  await assert.rejects(
    codeFlow({ ...twitch(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthError && error.code === "invalid_response",
  );
  assert.throws(() => twitch({ clientId: "app" }), TypeError);
});

Deno.test("twitch's hook leaves an RFC 6749 error, and an error without Twitch's members, as they are", async () => {
  const [hook] = twitchHooks.accessTokenResponse!;
  const rfc = { error: "invalid_grant", status: 400, message: "Invalid authorization code" };
  assert.deepEqual(await (await hook(Response.json(rfc, { status: 400 }))).json(), rfc);
  const other = { error: "Bad Request" };
  assert.deepEqual(await (await hook(Response.json(other, { status: 400 }))).json(), other);
});

Deno.test("twitch works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    twitch(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});
