import assert from "node:assert/strict";
import { authentik } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const BASE = "https://authentik.example.com/application/o";
const ISSUER = `${BASE}/wiki/`;

const SPEC: ProviderSpec = {
  name: "authentik",
  ...CLIENT,
  authorizationEndpoint: `${BASE}/authorize/`,
  tokenEndpoint: `${BASE}/token/`,
  revocationEndpoint: `${BASE}/revoke/`,
  clientAuth: ["basic", "post"],
  pkce: "supported",
  oidc: {
    issuer: ISSUER,
    jwksUri: `${ISSUER}jwks/`,
    userinfoEndpoint: `${BASE}/userinfo/`,
    discovery: { end_session_endpoint: `${ISSUER}end-session/` },
  },
  api: {
    [`${BASE}/userinfo/`]: () =>
      Response.json({
        sub: USER.id,
        email: USER.email,
        email_verified: true,
        name: USER.name,
        preferred_username: "ada",
      }),
  },
};

Deno.test("authentik runs the code flow with the application's slash-ended issuer against an emulated server", async () => {
  for (const discover of [false, true]) {
    const preset = authentik({ ...CLIENT, baseUrl: "https://authentik.example.com", slug: "wiki" });
    const flow = await codeFlow(preset, await emulate(SPEC), { discover });
    assert.equal(flow.client.idTokenClaims?.iss, ISSUER);
    assertUser(flow.profile, { emailVerified: true, picture: undefined });
    const logout = flow.client.endSessionUrl();
    assert.equal(logout.href, `${ISSUER}end-session/`);
  }
});

Deno.test("authentik refuses a slug that is no path segment", () => {
  assert.throws(
    () => authentik({ ...CLIENT, baseUrl: "https://a.example", slug: "../admin" }),
    TypeError,
  );
  assert.throws(
    () => authentik({ ...CLIENT, baseUrl: "https://a.example", slug: ".." }),
    TypeError,
  );
});
