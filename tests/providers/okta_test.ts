import assert from "node:assert/strict";
import { okta } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "0oa1", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(issuer: string, base: string): ProviderSpec {
  return {
    name: "Okta",
    ...CLIENT,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    revocationEndpoint: `${base}/revoke`,
    clientAuth: ["basic", "post"],
    pkce: "supported",
    oidc: {
      issuer,
      jwksUri: `${base}/keys`,
      userinfoEndpoint: `${base}/userinfo`,
      discovery: { end_session_endpoint: `${base}/logout` },
    },
    api: {
      [`${base}/userinfo`]: () =>
        Response.json({
          sub: USER.id,
          email: USER.email,
          email_verified: true,
          name: USER.name,
          picture: USER.picture,
        }),
    },
  };
}

Deno.test("okta runs the code flow through the default authorization server of an emulated Okta", async () => {
  const issuer = "https://dev-1.okta.com/oauth2/default";
  const emulator = await emulate(spec(issuer, `${issuer}/v1`));
  for (const discover of [false, true]) {
    const flow = await codeFlow(okta({ ...CLIENT, domain: "dev-1.okta.com" }), emulator, {
      discover,
    });
    assert.equal(flow.client.idTokenClaims?.iss, issuer);
    assertUser(flow.profile, { emailVerified: true });
    const logout = flow.client.endSessionUrl({ postLogoutRedirectUri: "https://app.example/" });
    assert.equal(logout.origin + logout.pathname, `${issuer}/v1/logout`);
  }
});

Deno.test("okta names a custom authorization server, or the org one with null", async () => {
  const custom = okta({ ...CLIENT, domain: "login.example.com", authorizationServerId: "aus9" });
  assert.equal(custom.issuer, "https://login.example.com/oauth2/aus9");
  assert.equal(custom.tokenEndpoint, "https://login.example.com/oauth2/aus9/v1/token");
  const org = okta({ ...CLIENT, domain: "dev-1.okta.com", authorizationServerId: null });
  assert.equal(org.issuer, "https://dev-1.okta.com");
  const flow = await codeFlow(
    org,
    await emulate(spec("https://dev-1.okta.com", "https://dev-1.okta.com/oauth2/v1")),
  );
  assert.equal(flow.client.idTokenClaims?.iss, "https://dev-1.okta.com");
});

Deno.test("okta refuses a domain given as a URL, and a server id that is no path segment", () => {
  assert.throws(() => okta({ ...CLIENT, domain: "https://dev-1.okta.com" }), /without https/);
  assert.throws(
    () => okta({ ...CLIENT, domain: "dev-1.okta.com", authorizationServerId: "a/b" }),
    TypeError,
  );
  assert.throws(() => okta({ ...CLIENT } as Parameters<typeof okta>[0]), TypeError);
});
