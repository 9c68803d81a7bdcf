/** OAuth2Client.discover against oidc-provider's real metadata, then the code flow with it. */
import assert from "node:assert/strict";
import { clearDiscoveryCache, OAuth2Client } from "../../oauth2/mod.ts";
import { startOidcProvider } from "./_oidc_provider.ts";

Deno.test("oidc-provider: OAuth2Client.discover finds every endpoint and completes the code flow", async () => {
  await using op = await startOidcProvider();
  clearDiscoveryCache();
  const client = await OAuth2Client.discover(op.issuer, {
    ...op.clients.post,
    redirectUri: op.redirectUri,
    scope: "openid",
  });
  assert.equal(client.metadata?.issuer, op.issuer);
  assert.equal(client.metadata?.authorization_response_iss_parameter_supported, true);
  assert.equal(
    (client.toJSON() as { clientAuthentication: string }).clientAuthentication,
    "client_secret_basic",
    "the first the server lists of what a secret allows",
  );
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = await op.authorize(url);
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.token_type, "Bearer");
  const withoutIss = new URL(callback);
  withoutIss.searchParams.delete("iss");
  await assert.rejects(
    client.fetchToken({ authorizationResponse: withoutIss, state, codeVerifier, nonce }),
    { code: "iss_missing" },
  );
  await client.revokeToken();
  assert.equal(op.requestCount("/token/revocation"), 1);
  assert.deepEqual(op.serverErrors, []);
  clearDiscoveryCache();
});

Deno.test("oidc-provider: OAuth2Client.discover takes the well-known URL too, as Authlib's server_metadata_url", async () => {
  await using op = await startOidcProvider();
  clearDiscoveryCache();
  const client = await OAuth2Client.discover(`${op.issuer}/.well-known/openid-configuration`, {
    ...op.clients.post,
    redirectUri: op.redirectUri,
    scope: "openid",
  });
  assert.equal(client.metadata?.issuer, op.issuer);
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = await op.authorize(url);
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.token_type, "Bearer");
  assert.deepEqual(op.serverErrors, []);
  clearDiscoveryCache();
});
