/**
 * The device authorization grant against oidc-provider: the user confirms the code on the
 * provider's own pages (driven over HTTP) while the client polls; a refusal ends the polling.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import { startOidcProvider } from "./_oidc_provider.ts";

async function setup() {
  const op = await startOidcProvider();
  const client = new OAuth2Client({
    clientId: op.clients.device.clientId,
    issuer: op.issuer,
    deviceAuthorizationEndpoint: op.metadata.device_authorization_endpoint as string,
    tokenEndpoint: op.tokenEndpoint,
    jwksUri: op.jwksUri,
    scope: "openid",
  });
  return { op, client };
}

Deno.test("oidc-provider: the device is approved while the client polls, and the token comes with an ID token", async () => {
  const { op, client } = await setup();
  await using _ = op;
  const device = await client.deviceAuthorization();
  assert.match(device.user_code, /^[A-Z]{4}-[A-Z]{4}$/);
  let sleeps = 0;
  const token = await client.pollDeviceToken(device, {
    // The first poll finds the user not done; the user approves before the second.
    sleep: async () => {
      if (++sleeps === 2) {
        const page = await op.confirmDevice(device.verification_uri, device.user_code);
        assert.match(page, /Sign-in Success/);
      }
    },
  });
  assert.equal(token.token_type, "Bearer");
  assert.equal(client.idTokenClaims?.sub, "alice");
  assert.equal(op.requestCount("/token"), 2, "one authorization_pending, then the token");
  assert.deepEqual(op.serverErrors, []);
});

Deno.test("oidc-provider: a device the user aborts ends the polling with access_denied", async () => {
  const { op, client } = await setup();
  await using _ = op;
  const device = await client.deviceAuthorization();
  const page = await op.confirmDevice(device.verification_uri, device.user_code, { deny: true });
  assert.match(page, /interrupted/);
  await assert.rejects(
    client.pollDeviceToken(device, { sleep: () => Promise.resolve() }),
    (error) => error instanceof OAuthResponseError && error.code === "access_denied",
  );
});
