import assert from "node:assert/strict";
import { cognito } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const DOMAIN = "https://example.auth.eu-west-1.amazoncognito.com";
const ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

const SPEC: ProviderSpec = {
  name: "Amazon Cognito",
  ...CLIENT,
  authorizationEndpoint: `${DOMAIN}/oauth2/authorize`,
  tokenEndpoint: `${DOMAIN}/oauth2/token`,
  revocationEndpoint: `${DOMAIN}/oauth2/revoke`,
  clientAuth: ["basic", "post"],
  pkce: "supported",
  // A refresh answers new access and ID tokens, never a new refresh token.
  tokenResponse: (token, { grant }) => {
    const body: Record<string, unknown> = { ...token };
    if (grant === "refresh_token") delete body.refresh_token;
    return body;
  },
  oidc: {
    issuer: ISSUER,
    jwksUri: `${ISSUER}/.well-known/jwks.json`,
    userinfoEndpoint: `${DOMAIN}/oauth2/userInfo`,
  },
  api: {
    // Cognito sends email_verified as a string.
    [`${DOMAIN}/oauth2/userInfo`]: () =>
      Response.json({
        sub: USER.id,
        email: USER.email,
        email_verified: "true",
        name: USER.name,
        username: "ada",
      }),
  },
};

const PRESET = {
  ...CLIENT,
  domain: "example.auth.eu-west-1.amazoncognito.com",
  userPoolId: "eu-west-1_AbCdEf123",
};

Deno.test("cognito runs the code flow on the hosted UI with the user pool as issuer", async () => {
  for (const discover of [false, true]) {
    const flow = await codeFlow(cognito(PRESET), await emulate(SPEC), { discover });
    assert.equal(flow.client.idTokenClaims?.iss, ISSUER);
    assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
    assertUser(flow.profile, { emailVerified: true, picture: undefined });
  }
});

Deno.test("cognito takes the region from the pool id and refuses one that disagrees", () => {
  assert.equal(cognito({ ...PRESET, region: "eu-west-1" }).issuer, ISSUER);
  assert.throws(() => cognito({ ...PRESET, region: "us-east-1" }), /eu-west-1/);
  assert.throws(() => cognito({ ...PRESET, userPoolId: "AbCdEf123" }), TypeError);
  assert.throws(() => cognito({ ...PRESET, domain: "example.com/x" }), TypeError);
});
