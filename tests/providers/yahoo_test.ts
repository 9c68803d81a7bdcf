import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { yahoo as yahooHooks } from "../../hooks/mod.ts";
import { yahoo } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Yahoo",
  ...CLIENT,
  authorizationEndpoint: "https://api.login.yahoo.com/oauth2/request_auth",
  tokenEndpoint: "https://api.login.yahoo.com/oauth2/get_token",
  clientAuth: ["basic"],
  pkce: "supported",
  refreshParams: { redirect_uri: CLIENT.redirectUri },
  tokenResponse: (token) => ({
    ...token,
    token_type: "bearer",
    xoauth_yahoo_guid: "JT4FACLQZI2OCE",
  }),
  oidc: {
    issuer: "https://api.login.yahoo.com",
    jwksUri: "https://api.login.yahoo.com/openid/v1/certs",
    userinfoEndpoint: "https://api.login.yahoo.com/openid/v1/userinfo",
  },
  api: {
    "https://api.login.yahoo.com/openid/v1/userinfo": () =>
      Response.json({
        sub: USER.id,
        name: USER.name,
        email: USER.email,
        email_verified: true,
        picture: USER.picture,
      }),
  },
};

Deno.test("yahoo signs in with OpenID Connect and refreshes with the redirect URI against an emulated Yahoo", async () => {
  for (const discover of [false, true]) {
    const emulator = await emulate(SPEC);
    const flow = await codeFlow(yahoo(CLIENT), emulator, { discover });
    assert.equal(flow.token.xoauth_yahoo_guid, "JT4FACLQZI2OCE");
    assert.equal(emulator.tokenRequests[1].params.redirect_uri, CLIENT.redirectUri);
    assertUser(flow.profile, { emailVerified: true });
  }
});

Deno.test("yahoo is refused a refresh without the redirect URI, without its hook", async () => {
  await assert.rejects(
    codeFlow({ ...yahoo(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_request",
  );
  assert.throws(() => yahoo({ clientId: "app" }), TypeError);
});

Deno.test("yahoo's hook sends oob without a redirect URI, and refuses an empty one", async () => {
  const [hook] = yahooHooks().refreshTokenRequest!;
  const request = await hook(
    new Request("https://api.login.yahoo.com/oauth2/get_token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&refresh_token=r",
    }),
  );
  assert.equal(new URLSearchParams(await request.text()).get("redirect_uri"), "oob");
  assert.throws(() => yahooHooks({ redirectUri: "" }), TypeError);
});
