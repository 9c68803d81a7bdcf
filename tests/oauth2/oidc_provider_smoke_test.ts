/**
 * Proves the oidc-provider harness with nothing but `fetch`, so the OAuth 2.0 client tests can
 * trust it.
 */
import assert from "node:assert/strict";
import { type OidcTestProvider, type SecretClient, startOidcProvider } from "./_oidc_provider.ts";

function base64url(bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** `client_secret_basic`: both parts form-urlencoded, as RFC 6749 §2.3.1 says. */
function basicAuthorization({ clientId, clientSecret }: SecretClient): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...headers, accept: "application/json" },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? {} : JSON.parse(text) };
}

function authorizationUrl(op: OidcTestProvider, params: Record<string, string>): URL {
  const url = new URL(op.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    redirect_uri: op.redirectUri,
    ...params,
  }).toString();
  return url;
}

const textBytes = (text: string) => new TextEncoder().encode(text);
const jsonPart = (value: unknown) => base64url(textBytes(JSON.stringify(value)));

/** A client assertion (RFC 7523) for client_secret_jwt or private_key_jwt, signed by hand. */
async function clientAssertion(
  op: OidcTestProvider,
  clientId: string,
  alg: "HS256" | "ES256" | "RS256",
  key: CryptoKey,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const input = `${jsonPart({ alg, typ: "JWT" })}.${
    jsonPart({
      iss: clientId,
      sub: clientId,
      aud: op.issuer,
      iat: now,
      exp: now + 60,
      jti: crypto.randomUUID(),
    })
  }`;
  const algorithm =
    { HS256: "HMAC", ES256: { name: "ECDSA", hash: "SHA-256" }, RS256: "RSASSA-PKCS1-v1_5" }[alg];
  const signature = await crypto.subtle.sign(algorithm, key, textBytes(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** The client authentication to add to a token request: form fields and/or headers. */
interface ClientAuthentication {
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Runs the code flow for a confidential client and returns its token response. */
async function codeFlowTokens(
  op: OidcTestProvider,
  clientId: string,
  { form = {}, headers = {} }: ClientAuthentication,
): Promise<Record<string, unknown>> {
  const location = new URL(
    await op.authorize(authorizationUrl(op, { client_id: clientId, scope: "openid", state: "s1" })),
  );
  const code = location.searchParams.get("code");
  assert.ok(code, location.href);
  const { status, body } = await postForm(
    op.tokenEndpoint,
    { grant_type: "authorization_code", code, redirect_uri: op.redirectUri, ...form },
    headers,
  );
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

Deno.test("the discovery document names the issuer and every endpoint the tests use", async () => {
  await using op = await startOidcProvider();
  const response = await fetch(`${op.issuer}/.well-known/openid-configuration`);
  assert.equal(response.status, 200);
  const metadata = await response.json();
  assert.deepEqual(metadata, op.metadata);
  assert.match(op.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(metadata.issuer, op.issuer);
  assert.equal(metadata.authorization_endpoint, op.authorizationEndpoint);
  assert.equal(metadata.token_endpoint, op.tokenEndpoint);
  assert.equal(metadata.revocation_endpoint, op.revocationEndpoint);
  assert.equal(metadata.introspection_endpoint, op.introspectionEndpoint);
  assert.equal(metadata.userinfo_endpoint, op.userinfoEndpoint);
  assert.equal(metadata.jwks_uri, op.jwksUri);
  for (const endpoint of [op.authorizationEndpoint, op.tokenEndpoint, op.jwksUri]) {
    assert.ok(endpoint.startsWith(`${op.issuer}/`), endpoint);
  }
  assert.equal(metadata.authorization_response_iss_parameter_supported, true);
  assert.deepEqual(metadata.code_challenge_methods_supported, ["S256"]);
  assert.ok((metadata.grant_types_supported as string[]).includes("client_credentials"));
  assert.equal(op.requestCount("/.well-known/openid-configuration"), 1);
});

Deno.test("a public client completes the code flow with PKCE S256 and gets a refresh token", async () => {
  await using op = await startOidcProvider();
  const { verifier, challenge } = await pkcePair();
  const state = "state-" + crypto.randomUUID();
  const location = new URL(
    await op.authorize(
      authorizationUrl(op, {
        client_id: op.clients.public.clientId,
        scope: "openid api:read",
        state,
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    ),
  );
  assert.equal(`${location.origin}${location.pathname}`, op.redirectUri);
  assert.equal(location.searchParams.get("state"), state);
  assert.equal(location.searchParams.get("iss"), op.issuer);
  const code = location.searchParams.get("code");
  assert.ok(code, location.href);
  assert.equal(op.requestCount(op.tokenEndpoint), 0);

  const { status, body } = await postForm(op.tokenEndpoint, {
    grant_type: "authorization_code",
    code,
    redirect_uri: op.redirectUri,
    client_id: op.clients.public.clientId,
    code_verifier: verifier,
  });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(typeof body.access_token, "string");
  assert.equal(body.token_type, "Bearer");
  assert.equal(typeof body.expires_in, "number");
  assert.equal(typeof body.refresh_token, "string");
  assert.equal(body.scope, "openid api:read");
  assert.equal(op.requestCount("/token"), 1);

  const userinfo = await fetch(op.userinfoEndpoint, {
    headers: { authorization: `Bearer ${body.access_token}` },
  });
  assert.equal(userinfo.status, 200);
  assert.equal((await userinfo.json()).sub, "alice");

  const replay = await postForm(op.tokenEndpoint, {
    grant_type: "authorization_code",
    code,
    redirect_uri: op.redirectUri,
    client_id: op.clients.public.clientId,
    code_verifier: verifier,
  });
  assert.equal(replay.status, 400);
  assert.equal(replay.body.error, "invalid_grant");
});

Deno.test("a public client without PKCE is turned away at the authorization endpoint", async () => {
  await using op = await startOidcProvider();
  const location = new URL(
    await op.authorize(
      authorizationUrl(op, { client_id: op.clients.public.clientId, scope: "openid", state: "p" }),
    ),
  );
  assert.equal(location.searchParams.get("error"), "invalid_request");
  assert.equal(location.searchParams.get("state"), "p");
});

Deno.test("a refresh rotates the refresh token and the old one then fails with invalid_grant", async () => {
  await using op = await startOidcProvider();
  const authorization = basicAuthorization(op.clients.basic);
  const first = await codeFlowTokens(op, op.clients.basic.clientId, { headers: { authorization } });
  assert.equal(typeof first.refresh_token, "string");

  const refreshed = await postForm(
    op.tokenEndpoint,
    { grant_type: "refresh_token", refresh_token: first.refresh_token as string },
    { authorization },
  );
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
  assert.equal(typeof refreshed.body.access_token, "string");
  assert.notEqual(refreshed.body.access_token, first.access_token);
  assert.equal(typeof refreshed.body.refresh_token, "string");
  assert.notEqual(refreshed.body.refresh_token, first.refresh_token);

  const reused = await postForm(
    op.tokenEndpoint,
    { grant_type: "refresh_token", refresh_token: first.refresh_token as string },
    { authorization },
  );
  assert.equal(reused.status, 400);
  assert.equal(reused.body.error, "invalid_grant");
});

Deno.test("every confidential client authenticates with the credentials the harness hands out", async () => {
  await using op = await startOidcProvider();
  const { post, secretJwt, privateKeyJwt, privateKeyJwtRsa } = op.clients;
  const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  await codeFlowTokens(op, post.clientId, {
    form: { client_id: post.clientId, client_secret: post.clientSecret },
  });
  assert.equal(op.requests("/token")[0].headers.authorization, undefined);

  const hmacKey = await crypto.subtle.importKey(
    "raw",
    textBytes(secretJwt.clientSecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  await codeFlowTokens(op, secretJwt.clientId, {
    form: {
      client_assertion_type: assertionType,
      client_assertion: await clientAssertion(op, secretJwt.clientId, "HS256", hmacKey),
    },
  });
  for (const client of [privateKeyJwt, privateKeyJwtRsa]) {
    await codeFlowTokens(op, client.clientId, {
      form: {
        client_assertion_type: assertionType,
        client_assertion: await clientAssertion(op, client.clientId, client.alg, client.privateKey),
      },
    });
  }
  assert.equal(op.requestCount("/token"), 4);
});

Deno.test("an unregistered redirect_uri gets the provider's error page instead of a redirect", async () => {
  await using op = await startOidcProvider();
  const url = authorizationUrl(op, {
    client_id: op.clients.basic.clientId,
    scope: "openid",
    redirect_uri: "http://127.0.0.1:1/elsewhere",
  });
  await assert.rejects(op.authorize(url), /400 from \/auth:[\s\S]*invalid_redirect_uri/);
});

Deno.test("the service client gets an access token with client_credentials", async () => {
  await using op = await startOidcProvider();
  const { status, body } = await postForm(
    op.tokenEndpoint,
    { grant_type: "client_credentials", scope: "api:read" },
    { authorization: basicAuthorization(op.clients.service) },
  );
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(typeof body.access_token, "string");
  assert.equal(body.token_type, "Bearer");
  assert.equal(typeof body.expires_in, "number");
  assert.equal(body.scope, "api:read");
  assert.equal(body.refresh_token, undefined);

  const withResource = await postForm(
    op.tokenEndpoint,
    { grant_type: "client_credentials", scope: "api:read", resource: op.apiResource },
    { authorization: basicAuthorization(op.clients.service) },
  );
  assert.equal(withResource.status, 200, JSON.stringify(withResource.body));
  assert.equal(withResource.body.scope, "api:read");

  const wrongSecret = await postForm(
    op.tokenEndpoint,
    { grant_type: "client_credentials" },
    { authorization: basicAuthorization({ ...op.clients.service, clientSecret: "wrong" }) },
  );
  assert.equal(wrongSecret.status, 401);
  assert.equal(wrongSecret.body.error, "invalid_client");
});

Deno.test("an access token is active on introspection until it is revoked", async () => {
  await using op = await startOidcProvider();
  const authorization = basicAuthorization(op.clients.service);
  const issued = await postForm(
    op.tokenEndpoint,
    { grant_type: "client_credentials", scope: "api:read" },
    { authorization },
  );
  const token = issued.body.access_token as string;

  const before = await postForm(op.introspectionEndpoint, { token }, { authorization });
  assert.equal(before.status, 200);
  assert.equal(before.body.active, true);
  assert.equal(before.body.client_id, op.clients.service.clientId);
  assert.equal(before.body.scope, "api:read");

  const revoked = await postForm(
    op.revocationEndpoint,
    { token, token_type_hint: "access_token" },
    { authorization },
  );
  assert.equal(revoked.status, 200);

  const after = await postForm(op.introspectionEndpoint, { token }, { authorization });
  assert.equal(after.status, 200);
  assert.deepEqual(after.body, { active: false });
});

Deno.test("refusing the interaction sends access_denied with the state back to the client", async () => {
  await using op = await startOidcProvider();
  const location = new URL(
    await op.authorize(
      authorizationUrl(op, {
        client_id: op.clients.basic.clientId,
        scope: "openid",
        state: "deny-me",
      }),
      { deny: true },
    ),
  );
  assert.equal(`${location.origin}${location.pathname}`, op.redirectUri);
  assert.equal(location.searchParams.get("error"), "access_denied");
  assert.equal(location.searchParams.get("state"), "deny-me");
  assert.equal(location.searchParams.get("iss"), op.issuer);
  assert.equal(location.searchParams.get("code"), null);
  assert.equal(op.requestCount("/token"), 0);
  assert.deepEqual(op.serverErrors, []);
});
