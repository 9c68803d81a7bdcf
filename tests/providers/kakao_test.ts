import assert from "node:assert/strict";
import { kakao } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = {
  clientId: "restapikey",
  clientSecret: "secret",
  redirectUri: "https://app.example/cb",
};

function spec(clientSecret?: string): ProviderSpec {
  return {
    name: "Kakao",
    ...CLIENT,
    clientSecret,
    authorizationEndpoint: "https://kauth.kakao.com/oauth/authorize",
    tokenEndpoint: "https://kauth.kakao.com/oauth/token",
    clientAuth: clientSecret ? ["post"] : ["none"],
    pkce: "supported",
    // A refresh answers a new refresh token only when the old one nears its end.
    tokenResponse: (token, { grant }) => {
      const body: Record<string, unknown> = {
        ...token,
        token_type: "bearer",
        expires_in: 21599,
        refresh_token_expires_in: 5183999,
      };
      if (grant === "refresh_token") {
        delete body.refresh_token;
        delete body.refresh_token_expires_in;
      }
      return body;
    },
    oidc: {
      issuer: "https://kauth.kakao.com",
      jwksUri: "https://kauth.kakao.com/.well-known/jwks.json",
      userinfoEndpoint: "https://kapi.kakao.com/v1/oidc/userinfo",
    },
    api: {
      "https://kapi.kakao.com/v1/oidc/userinfo": () =>
        Response.json({
          sub: USER.id,
          nickname: USER.name,
          picture: USER.picture,
          email: USER.email,
          email_verified: true,
        }),
    },
  };
}

Deno.test("kakao signs in with OpenID Connect and keeps the refresh token a refresh does not renew", async () => {
  for (const discover of [false, true]) {
    const flow = await codeFlow(kakao(CLIENT), await emulate(spec("secret")), { discover });
    assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
    assertUser(flow.profile, { emailVerified: true });
  }
});

Deno.test("kakao works without a client secret when the app has none", async () => {
  const preset = kakao({ clientId: "restapikey", redirectUri: CLIENT.redirectUri });
  assert.equal(preset.clientAuthentication, "none");
  const flow = await codeFlow(preset, await emulate(spec()), { refresh: false });
  assert.equal(flow.profile.name, USER.name);
});
