import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { linkedin } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "77abc", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "LinkedIn",
  ...CLIENT,
  authorizationEndpoint: "https://www.linkedin.com/oauth/v2/authorization",
  tokenEndpoint: "https://www.linkedin.com/oauth/v2/accessToken",
  clientAuth: ["post"],
  pkce: "unsupported",
  // Refresh tokens are for approved partners only.
  tokenResponse: ({ refresh_token: _, ...token }) => ({ ...token, expires_in: 5183999 }),
  oidc: {
    issuer: "https://www.linkedin.com/oauth",
    jwksUri: "https://www.linkedin.com/oauth/openid/jwks",
    userinfoEndpoint: "https://api.linkedin.com/v2/userinfo",
  },
  api: {
    "https://api.linkedin.com/v2/userinfo": () =>
      Response.json({
        sub: USER.id,
        name: USER.name,
        given_name: "Ada",
        family_name: "Lovelace",
        picture: USER.picture,
        email: USER.email,
        email_verified: true,
      }),
  },
};

Deno.test("linkedin signs in with OpenID Connect, its issuer under /oauth, against an emulated LinkedIn", async () => {
  for (const discover of [false, true]) {
    const flow = await codeFlow(linkedin(CLIENT), await emulate(SPEC), {
      discover,
      refresh: false,
    });
    assert.equal(flow.request.codeVerifier, undefined);
    assert.equal(flow.client.idTokenClaims?.iss, "https://www.linkedin.com/oauth");
    assertUser(flow.profile, { emailVerified: true });
  }
});

Deno.test("linkedin sends no PKCE challenge and no Basic credentials, which LinkedIn refuses", async () => {
  const emulator = await emulate(SPEC);
  await assert.rejects(
    codeFlow({ ...linkedin(CLIENT), pkce: "S256" }, emulator),
    /LinkedIn refuses the authorization request: PKCE is not supported/,
  );
  await assert.rejects(
    codeFlow({ ...linkedin(CLIENT), clientAuthentication: "client_secret_basic" }, emulator),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
});

Deno.test("linkedin works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    linkedin(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});
