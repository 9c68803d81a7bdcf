/**
 * OAuth2Client against oidc-provider (npm, a certified OpenID Connect / OAuth 2.0 server),
 * running in this process on a loopback port: the code flow with PKCE and every client
 * authentication method, refresh with rotation, revocation, introspection, client
 * credentials, and the refusals.
 */
import assert from "node:assert/strict";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { type OidcTestProvider, startOidcProvider } from "./_oidc_provider.ts";

function clientFor(
  provider: OidcTestProvider,
  options: Omit<OAuth2ClientOptions, "clientId"> & { clientId: string },
) {
  return new OAuth2Client({ ...provider.clientOptions, scope: "openid api:read", ...options });
}

/** Authorization code flow through the provider's login and consent pages. */
async function codeFlow(provider: OidcTestProvider, client: OAuth2Client) {
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = await provider.authorize(url, { user: "alice" });
  assert.equal(
    new URL(callback).searchParams.get("iss"),
    provider.issuer,
    "RFC 9207 iss on the callback",
  );
  return await client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce });
}

Deno.test("oidc-provider: code flow with PKCE for a public client, then a userinfo call with the token", async () => {
  await using provider = await startOidcProvider();
  const client = clientFor(provider, { clientId: provider.clients.public.clientId });
  const token = await codeFlow(provider, client);
  assert.equal(token.token_type.toLowerCase(), "bearer");
  assert.equal(typeof token.id_token, "string");
  assert.equal(provider.requests("/token")[0].body?.client_id, provider.clients.public.clientId);
  const me = await client.fetch(provider.userinfoEndpoint);
  assert.equal(me.status, 200);
  assert.equal((await me.json()).sub, "alice");
});

for (
  const [name, auth] of [["basic", "client_secret_basic"], ["post", "client_secret_post"], [
    "secretJwt",
    "client_secret_jwt",
  ]] as const
) {
  Deno.test(`oidc-provider accepts ${auth} for the code exchange`, async () => {
    await using provider = await startOidcProvider();
    const { clientId, clientSecret } = provider.clients[name];
    const client = clientFor(provider, { clientId, clientSecret, clientAuthentication: auth });
    const token = await codeFlow(provider, client);
    assert.ok(token.access_token);
    const recorded = provider.requests("/token")[0];
    assert.equal(
      (recorded.headers.authorization ?? "").startsWith("Basic "),
      auth === "client_secret_basic",
    );
    assert.equal("client_secret" in (recorded.body ?? {}), auth === "client_secret_post");
    assert.equal("client_assertion" in (recorded.body ?? {}), auth === "client_secret_jwt");
  });
}

for (const name of ["privateKeyJwt", "privateKeyJwtRsa"] as const) {
  Deno.test(`oidc-provider accepts private_key_jwt signed with ${name === "privateKeyJwt" ? "ES256" : "RS256"}`, async () => {
    await using provider = await startOidcProvider();
    const { clientId, privateKey } = provider.clients[name];
    const client = clientFor(provider, {
      clientId,
      clientAuthentication: "private_key_jwt",
      privateKey,
    });
    assert.ok((await codeFlow(provider, client)).access_token);
  });
}

Deno.test("oidc-provider: refresh rotates the refresh token and refuses the old one", async () => {
  await using provider = await startOidcProvider();
  const { clientId, clientSecret } = provider.clients.basic;
  const client = clientFor(provider, { clientId, clientSecret });
  const first = await codeFlow(provider, client);
  const refreshed = await client.refreshToken();
  assert.notEqual(refreshed.refresh_token, first.refresh_token);
  assert.notEqual(refreshed.access_token, first.access_token);
  await assert.rejects(client.refreshToken(first.refresh_token), (error: unknown) => {
    assert.ok(error instanceof OAuthResponseError);
    assert.equal(error.code, "invalid_grant");
    assert.equal(error.status, 400);
    return true;
  });
});

Deno.test("oidc-provider: introspection says active, revocation ends it", async () => {
  await using provider = await startOidcProvider();
  const { clientId, clientSecret } = provider.clients.basic;
  const client = clientFor(provider, { clientId, clientSecret });
  const token = await codeFlow(provider, client);
  assert.equal((await client.introspectToken()).active, true);
  await client.revokeToken(token.access_token, "access_token");
  assert.equal((await client.introspectToken(token.access_token)).active, false);
});

Deno.test("oidc-provider: client_credentials with a scope", async () => {
  await using provider = await startOidcProvider();
  const { clientId, clientSecret } = provider.clients.service;
  const client = clientFor(provider, { clientId, clientSecret, scope: "api:read" });
  const token = await client.fetchToken({ grantType: "client_credentials" });
  assert.equal(token.scope, "api:read");
  assert.equal(typeof token.expires_at, "number");
});

Deno.test("oidc-provider: a denied authorization is access_denied and no token request is made", async () => {
  await using provider = await startOidcProvider();
  const client = clientFor(provider, { clientId: provider.clients.public.clientId });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = await provider.authorize(url, { deny: true });
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce }),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.equal(error.code, "access_denied");
      return true;
    },
  );
  assert.equal(provider.requestCount("/token"), 0);
});

Deno.test("oidc-provider: a callback from an issuer the client does not expect is refused before any token request", async () => {
  await using provider = await startOidcProvider();
  const client = clientFor(provider, {
    clientId: provider.clients.public.clientId,
    issuer: "https://other-as.example",
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  const callback = await provider.authorize(url);
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce }),
    { code: "issuer_mismatch" },
  );
  assert.equal(provider.requestCount("/token"), 0);
});

Deno.test("oidc-provider: a wrong client secret is invalid_client with status 401", async () => {
  await using provider = await startOidcProvider();
  const client = clientFor(provider, {
    clientId: provider.clients.service.clientId,
    clientSecret: "wrong",
    scope: "api:read",
  });
  await assert.rejects(client.fetchToken({ grantType: "client_credentials" }), (error: unknown) => {
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, "invalid_client");
    assert.equal(error.status, 401);
    assert.doesNotMatch(error.message, /wrong/);
    return true;
  });
});
