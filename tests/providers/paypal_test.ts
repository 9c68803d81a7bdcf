import assert from "node:assert/strict";
import { paypal } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(site: string, api: string): ProviderSpec {
  return {
    name: "PayPal",
    ...CLIENT,
    authorizationEndpoint: `${site}/signin/authorize`,
    tokenEndpoint: `${api}/v1/oauth2/token`,
    clientAuth: ["basic"],
    pkce: "unsupported",
    // expires_in as a string, and a nonce member of its own.
    tokenResponse: (token) => ({ ...token, expires_in: "28800", nonce: "2024-01-01T00:00:00Z" }),
    oidc: { issuer: site, jwksUri: `${api}/v1/oauth2/certs` },
    api: {
      // Identity API: no sub, the user is user_id.
      [`${api}/v1/identity/oauth2/userinfo`]: (request) => {
        assert.equal(new URL(request.url).searchParams.get("schema"), "paypalv1.1");
        return Response.json({
          user_id: USER.id,
          name: USER.name,
          emails: [{ value: "old@example.com", primary: false }, {
            value: USER.email,
            primary: true,
            confirmed: true,
          }],
          verified_account: "true",
        });
      },
    },
  };
}

Deno.test("paypal runs the code flow and reads the Identity API against an emulated PayPal", async () => {
  const flow = await codeFlow(
    paypal(CLIENT),
    await emulate(spec("https://www.paypal.com", "https://api-m.paypal.com")),
  );
  assert.equal(flow.request.url.searchParams.get("scope"), "openid email profile");
  assert.equal(flow.token.expires_in, 28800);
  assert.equal(flow.client.idTokenClaims?.iss, "https://www.paypal.com");
  assertUser(flow.profile, { emailVerified: true, picture: undefined });
});

Deno.test("paypal's sandbox is a separate site with its own hosts", async () => {
  const preset = paypal({ ...CLIENT, sandbox: true });
  const flow = await codeFlow(
    preset,
    await emulate(spec("https://www.sandbox.paypal.com", "https://api-m.sandbox.paypal.com")),
    { refresh: false },
  );
  assert.equal(flow.client.idTokenClaims?.iss, "https://www.sandbox.paypal.com");
  assert.throws(() => paypal({ ...CLIENT, sandbox: "yes" as unknown as boolean }), TypeError);
});
