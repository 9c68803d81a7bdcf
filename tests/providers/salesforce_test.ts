import assert from "node:assert/strict";
import { salesforce } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "3MVG9", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const INSTANCE = "https://acme.my.salesforce.com";

function spec(base: string): ProviderSpec {
  return {
    name: "Salesforce",
    ...CLIENT,
    authorizationEndpoint: `${base}/services/oauth2/authorize`,
    tokenEndpoint: `${base}/services/oauth2/token`,
    revocationEndpoint: `${base}/services/oauth2/revoke`,
    clientAuth: ["post", "none"],
    pkce: "supported",
    // No expires_in; instance_url names the org's API host; a refresh keeps the refresh token.
    tokenResponse: ({ expires_in: _, ...token }, { grant }) => {
      const body: Record<string, unknown> = {
        ...token,
        instance_url: INSTANCE,
        id: `${base}/id/00Dxx0000001gPL/005xx000001Sv6A`,
        issued_at: "1700000000000",
        signature: "c2lnbmF0dXJl",
      };
      if (grant === "refresh_token") delete body.refresh_token;
      return body;
    },
    oidc: {
      issuer: base,
      jwksUri: `${base}/id/keys`,
      userinfoEndpoint: `${base}/services/oauth2/userinfo`,
    },
    api: {
      [`${base}/services/oauth2/userinfo`]: () =>
        Response.json({
          sub: USER.id,
          user_id: "005xx000001Sv6A",
          email: USER.email,
          email_verified: true,
          name: USER.name,
          picture: USER.picture,
        }),
    },
  };
}

Deno.test("salesforce keeps instance_url in the token, also after a refresh, against an emulated Salesforce", async () => {
  const emulator = await emulate(spec("https://login.salesforce.com"));
  const flow = await codeFlow(salesforce(CLIENT), emulator);
  assert.equal(flow.token.instance_url, INSTANCE);
  assert.equal(flow.refreshed?.instance_url, INSTANCE);
  assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assert.equal(flow.client.token?.instance_url, INSTANCE);
  assertUser(flow.profile, { emailVerified: true });
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("salesforce logs a sandbox in at test.salesforce.com, and is discovered there", async () => {
  const preset = salesforce({ ...CLIENT, sandbox: true });
  assert.equal(preset.issuer, "https://test.salesforce.com");
  const flow = await codeFlow(preset, await emulate(spec("https://test.salesforce.com")), {
    discover: true,
  });
  assert.equal(flow.client.idTokenClaims?.iss, "https://test.salesforce.com");
});

Deno.test("salesforce takes a My Domain host as its issuer", async () => {
  const preset = salesforce({ ...CLIENT, domain: "acme.my.salesforce.com" });
  const flow = await codeFlow(preset, await emulate(spec(INSTANCE)), { refresh: false });
  assert.equal(flow.client.idTokenClaims?.iss, INSTANCE);
});

Deno.test("salesforce refuses a sandbox with a domain, and a domain that is no host", () => {
  assert.throws(
    () => salesforce({ ...CLIENT, sandbox: true, domain: "acme.my.salesforce.com" }),
    TypeError,
  );
  assert.throws(
    () => salesforce({ ...CLIENT, domain: "https://acme.my.salesforce.com" }),
    /without https/,
  );
  assert.throws(() => salesforce({ ...CLIENT, domain: "evil.example/path" }), TypeError);
  assert.throws(() => salesforce({ ...CLIENT, sandbox: "yes" as unknown as boolean }), TypeError);
});

Deno.test("salesforce works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    salesforce(CLIENT),
    await emulate(spec("https://login.salesforce.com")),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});
