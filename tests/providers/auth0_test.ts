import assert from "node:assert/strict";
import { OAuthError } from "../../mod.ts";
import { auth0 } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const BASE = "https://example.us.auth0.com";

const SPEC: ProviderSpec = {
  name: "Auth0",
  ...CLIENT,
  authorizationEndpoint: `${BASE}/authorize`,
  tokenEndpoint: `${BASE}/oauth/token`,
  revocationEndpoint: `${BASE}/oauth/revoke`,
  // A regular web application's default: the secret in the body.
  clientAuth: ["post"],
  pkce: "supported",
  authorizationParams: { audience: "https://api.example.com" },
  oidc: {
    issuer: `${BASE}/`,
    jwksUri: `${BASE}/.well-known/jwks.json`,
    userinfoEndpoint: `${BASE}/userinfo`,
  },
  api: {
    [`${BASE}/userinfo`]: () =>
      Response.json({
        sub: USER.id,
        email: USER.email,
        email_verified: false,
        name: USER.name,
        picture: USER.picture,
      }),
  },
};

const PRESET = { ...CLIENT, domain: "example.us.auth0.com", audience: "https://api.example.com" };

Deno.test("auth0 runs the code flow with an audience against an emulated tenant, its issuer ending in a slash", async () => {
  for (const discover of [false, true]) {
    const flow = await codeFlow(auth0(PRESET), await emulate(SPEC), { discover });
    assert.equal(flow.client.idTokenClaims?.iss, `${BASE}/`);
    assertUser(flow.profile, { emailVerified: false });
  }
});

Deno.test("auth0's ID tokens are refused by a client whose issuer lacks the slash", async () => {
  await assert.rejects(
    codeFlow({ ...auth0(PRESET), issuer: BASE }, await emulate(SPEC)),
    (error) => error instanceof OAuthError && error.code === "issuer_mismatch",
  );
});

Deno.test("auth0 checks its domain and audience", () => {
  assert.throws(() => auth0({ ...CLIENT, domain: "" }), TypeError);
  assert.throws(() => auth0({ ...CLIENT, domain: "example.auth0.com", audience: "" }), TypeError);
  assert.equal(auth0({ ...CLIENT, domain: "example.auth0.com" }).authorizationParams, undefined);
});
