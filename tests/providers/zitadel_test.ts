import assert from "node:assert/strict";
import { zitadel } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const ISSUER = "https://example-abc123.zitadel.cloud";

const SPEC: ProviderSpec = {
  name: "ZITADEL",
  ...CLIENT,
  authorizationEndpoint: `${ISSUER}/oauth/v2/authorize`,
  tokenEndpoint: `${ISSUER}/oauth/v2/token`,
  revocationEndpoint: `${ISSUER}/oauth/v2/revoke`,
  clientAuth: ["basic", "post"],
  pkce: "supported",
  oidc: {
    issuer: ISSUER,
    jwksUri: `${ISSUER}/oauth/v2/keys`,
    userinfoEndpoint: `${ISSUER}/oidc/v1/userinfo`,
    discovery: { end_session_endpoint: `${ISSUER}/oidc/v1/end_session` },
  },
  api: {
    [`${ISSUER}/oidc/v1/userinfo`]: () =>
      Response.json({
        sub: USER.id,
        email: USER.email,
        email_verified: true,
        name: USER.name,
        picture: USER.picture,
      }),
  },
};

Deno.test("zitadel runs the code flow with offline access against an emulated instance", async () => {
  for (const discover of [false, true]) {
    const emulator = await emulate(SPEC);
    const flow = await codeFlow(
      zitadel({ ...CLIENT, domain: "example-abc123.zitadel.cloud" }),
      emulator,
      { discover },
    );
    assert.equal(flow.request.url.searchParams.get("scope"), "openid profile email offline_access");
    assert.ok(flow.refreshed?.access_token);
    assertUser(flow.profile, { emailVerified: true });
    await flow.client.revokeToken();
    assert.equal(emulator.revoked.size, 1);
  }
});

Deno.test("zitadel refuses a domain with a path", () => {
  assert.throws(() => zitadel({ ...CLIENT, domain: "zitadel.example.com/x" }), TypeError);
  assert.equal(
    zitadel({ ...CLIENT, domain: "Login.Example.com:8443" }).issuer,
    "https://login.example.com:8443",
  );
});
