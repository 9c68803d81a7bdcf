/**
 * `npm run test:interop`: OAuth2Client against an authorization server built on oauthlib's
 * own OAuth 2.0 endpoints (`oauth2_server.py`, Debian python3-oauthlib): the password and
 * RFC 7523 jwt-bearer grants, the code flow with PKCE S256 and plain, RFC 6749 §2.3.1
 * encoding of awkward credentials, the implicit grant, refusals, refresh rotation,
 * revocation, introspection and the three token placements at a protected resource.
 */
import assert from "node:assert/strict";
import { importPKCS8, SignJWT } from "jose";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };
import { type OAuthlibProvider, startOAuthlibProvider } from "./_oauthlib_server.ts";

const REDIRECT_URI = "http://127.0.0.1/callback";

function clientFor(provider: OAuthlibProvider, options: Partial<OAuth2ClientOptions> = {}) {
  return new OAuth2Client({
    clientId: "confidential",
    clientSecret: "confidential-secret",
    authorizationEndpoint: `${provider.base}/authorize`,
    tokenEndpoint: `${provider.base}/token`,
    revocationEndpoint: `${provider.base}/revoke`,
    introspectionEndpoint: `${provider.base}/introspect`,
    redirectUri: REDIRECT_URI,
    scope: "read",
    ...options,
  });
}

/** The server approves at once and redirects; we read the redirect like a browser would. */
async function approve(url: URL | string, extra: Record<string, string> = {}): Promise<string> {
  const target = new URL(url);
  for (const [name, value] of Object.entries(extra)) target.searchParams.set(name, value);
  const response = await fetch(target, { redirect: "manual" });
  await response.body?.cancel();
  assert.equal(response.status, 302, `authorize answered ${response.status}`);
  return response.headers.get("location")!;
}

Deno.test("oauthlib: the password grant, then a call to the protected resource", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const client = clientFor(provider);
  const token = await client.fetchToken({
    grantType: "password",
    username: "alice",
    password: "wonderland",
    scope: "read write",
  });
  assert.equal(token.scope, "read write");
  const response = await client.fetch(`${provider.base}/resource?need=write`);
  assert.equal(response.status, 200);
  assert.equal((await response.json()).user, "alice");
});

Deno.test("oauthlib: a wrong password is invalid_grant; a wrong secret is invalid_client 401", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  await assert.rejects(
    clientFor(provider).fetchToken({ grantType: "password", username: "alice", password: "nope" }),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.deepEqual([error.code, error.status], ["invalid_grant", 400]);
      return true;
    },
  );
  await assert.rejects(
    clientFor(provider, { clientSecret: "wrong" }).fetchToken({ grantType: "client_credentials" }),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.deepEqual([error.code, error.status], ["invalid_client", 401]);
      assert.match(error.headers?.get("www-authenticate") ?? "", /^Basic/);
      return true;
    },
  );
});

Deno.test("oauthlib: a client id and secret with : % + and spaces pass RFC 6749 §2.3.1 Basic and post", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  for (const clientAuthentication of ["client_secret_basic", "client_secret_post"] as const) {
    const client = clientFor(provider, {
      clientId: "tricky id:1",
      clientSecret: "p:w%+ secret",
      clientAuthentication,
      scope: "write",
    });
    assert.equal(
      (await client.fetchToken({ grantType: "client_credentials" })).scope,
      "write",
      clientAuthentication,
    );
  }
});

Deno.test("oauthlib: the RFC 7523 jwt-bearer grant with HS256 and RS256 assertions", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const client = clientFor(provider);
  const claims = (issuer: string) =>
    new SignJWT({}).setIssuer(issuer).setSubject("alice").setAudience(`${provider.base}/token`)
      .setIssuedAt().setExpirationTime("1m");
  const hs256 = await claims("assertion-issuer").setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode("jwt-bearer-shared-secret-0123456789abcdef"));
  const rs256 = await claims("rsa-assertion-issuer").setProtectedHeader({ alg: "RS256" })
    .sign(await importPKCS8(keys.pkcs8, "RS256"));
  for (const assertion of [hs256, rs256]) {
    const token = await client.fetchToken({
      grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    });
    assert.ok(token.access_token);
    assert.equal(token.refresh_token, undefined);
  }
  const stale = await new SignJWT({}).setIssuer("assertion-issuer").setSubject("alice").setAudience(
    `${provider.base}/token`,
  )
    .setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_060).setProtectedHeader({
      alg: "HS256",
    })
    .sign(new TextEncoder().encode("jwt-bearer-shared-secret-0123456789abcdef"));
  await assert.rejects(
    client.fetchToken({
      grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: stale,
    }),
    { code: "invalid_grant" },
  );
});

for (const pkce of ["S256", "plain"] as const) {
  Deno.test(`oauthlib: the code flow of a public client with PKCE ${pkce}, refresh rotation, revocation`, async () => {
    await using provider = await startOAuthlibProvider("oauth2");
    const client = clientFor(provider, { clientId: "public-app", clientSecret: undefined, pkce });
    const { url, state, codeVerifier } = await client.authorizationUrl();
    assert.equal(url.searchParams.get("code_challenge_method"), pkce);
    const callback = await approve(url);
    const first = await client.fetchToken({ authorizationResponse: callback, state, codeVerifier });
    const second = await client.refreshToken();
    assert.notEqual(second.refresh_token, first.refresh_token);
    await assert.rejects(client.refreshToken(first.refresh_token), { code: "invalid_grant" });
    assert.equal((await client.introspectToken()).active, true);
    await client.revokeToken();
    assert.equal(client.token, undefined);
    assert.equal((await client.introspectToken(second.access_token)).active, false);
  });
}

Deno.test("oauthlib: a wrong PKCE verifier is invalid_grant", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const client = clientFor(provider, { clientId: "public-app", clientSecret: undefined });
  const { url, state } = await client.authorizationUrl();
  const callback = await approve(url);
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier: "x".repeat(43) }),
    { code: "invalid_grant" },
  );
});

Deno.test("oauthlib: a denied authorization is access_denied and no token request is made", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const client = clientFor(provider);
  const { url, state, codeVerifier } = await client.authorizationUrl();
  const callback = await approve(url, { deny: "1" });
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier }),
    (error: unknown) => {
      return error instanceof OAuthResponseError && error.code === "access_denied";
    },
  );
  assert.equal((await provider.stats()).token, 0);
});

Deno.test("oauthlib: the implicit grant's fragment becomes a usable token", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const client = clientFor(provider, { clientId: "public-app", clientSecret: undefined });
  const url = new URL(`${provider.base}/authorize`);
  for (
    const [name, value] of [
      ["response_type", "token"],
      ["client_id", "public-app"],
      ["redirect_uri", REDIRECT_URI],
      ["scope", "read"],
      ["state", "s-implicit"],
    ]
  ) {
    url.searchParams.set(name, value);
  }
  const token = client.tokenFromFragment(await approve(url), { state: "s-implicit" });
  assert.equal(typeof token.expires_at, "number");
  assert.equal((await client.fetch(`${provider.base}/resource`)).status, 200);
});

Deno.test("oauthlib's resource server accepts the token in the header, the query and a form body", async () => {
  await using provider = await startOAuthlibProvider("oauth2");
  const { access_token } = await clientFor(provider).fetchToken({
    grantType: "client_credentials",
  });
  for (const tokenPlacement of ["header", "query", "body"] as const) {
    const client = clientFor(provider, {
      token: { access_token, token_type: "Bearer" },
      tokenPlacement,
    });
    const init = tokenPlacement === "body"
      ? {
        method: "POST",
        body: "x=1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }
      : {};
    const response = await client.fetch(`${provider.base}/resource`, init);
    assert.equal(response.status, 200, `${tokenPlacement}: ${await response.clone().text()}`);
  }
});
