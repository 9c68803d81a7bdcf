import assert from "node:assert/strict";
import { keycloak } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(issuer: string): ProviderSpec {
  const base = `${issuer}/protocol/openid-connect`;
  return {
    name: "Keycloak",
    ...CLIENT,
    authorizationEndpoint: `${base}/auth`,
    tokenEndpoint: `${base}/token`,
    revocationEndpoint: `${base}/revoke`,
    clientAuth: ["basic", "post"],
    pkce: "supported",
    oidc: { issuer, jwksUri: `${base}/certs`, userinfoEndpoint: `${base}/userinfo` },
    api: {
      [`${base}/userinfo`]: () =>
        Response.json({
          sub: USER.id,
          email: USER.email,
          email_verified: true,
          name: USER.name,
          preferred_username: "ada",
        }),
    },
  };
}

Deno.test("keycloak runs the code flow against an emulated realm, discovered or not", async () => {
  const issuer = "https://sso.example.com/realms/staff";
  for (const discover of [false, true]) {
    const preset = keycloak({ ...CLIENT, baseUrl: "https://sso.example.com/", realm: "staff" });
    const flow = await codeFlow(preset, await emulate(spec(issuer)), { discover });
    assert.equal(flow.client.idTokenClaims?.iss, issuer);
    assertUser(flow.profile, { emailVerified: true, picture: undefined });
  }
});

Deno.test("keycloak keeps a legacy /auth base path and encodes the realm's name", async () => {
  const preset = keycloak({
    ...CLIENT,
    baseUrl: "https://sso.example.com/auth",
    realm: "my realm",
  });
  assert.equal(preset.issuer, "https://sso.example.com/auth/realms/my%20realm");
  const flow = await codeFlow(preset, await emulate(spec(preset.issuer!)), { refresh: false });
  assert.equal(flow.profile.id, USER.id);
});

Deno.test("keycloak refuses a realm that is no path segment and a baseUrl that is no URL", () => {
  assert.throws(
    () => keycloak({ ...CLIENT, baseUrl: "https://sso.example.com", realm: "a/b" }),
    TypeError,
  );
  assert.throws(
    () => keycloak({ ...CLIENT, baseUrl: "https://sso.example.com", realm: "" }),
    TypeError,
  );
  assert.throws(
    () => keycloak({ ...CLIENT, baseUrl: "sso.example.com", realm: "staff" }),
    TypeError,
  );
});
