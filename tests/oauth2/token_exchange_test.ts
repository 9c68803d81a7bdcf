/**
 * Token exchange (RFC 8693) as a named grant, and resource indicators (RFC 8707) wherever the
 * client sends `resource`; then resource indicators through oidc-provider, which implements
 * RFC 8707 (it has no token exchange).
 */
import assert from "node:assert/strict";
import { OAuth2Client, TOKEN_EXCHANGE, TOKEN_TYPES } from "../../oauth2/mod.ts";
import { startOidcProvider } from "./_oidc_provider.ts";

function exchanging(answer: Record<string, unknown>) {
  const sent: URLSearchParams[] = [];
  const client = new OAuth2Client({
    clientId: "gateway",
    clientSecret: "secret",
    tokenEndpoint: "https://as.example/token",
    authorizationEndpoint: "https://as.example/authorize",
    deviceAuthorizationEndpoint: "https://as.example/device",
    fetch: async (request) => {
      sent.push(new URLSearchParams(await request.text()));
      return Response.json(answer);
    },
  });
  return { client, sent };
}

const ISSUED = {
  access_token: "downstream",
  token_type: "Bearer",
  issued_token_type: TOKEN_TYPES.accessToken,
};

Deno.test("a token exchange sends its RFC 8693 §2.1 parameters, resources repeated, and reads issued_token_type", async () => {
  const { client, sent } = exchanging({ ...ISSUED, expires_in: 60 });
  const token = await client.fetchToken({
    grantType: TOKEN_EXCHANGE,
    subject_token: "upstream",
    subject_token_type: TOKEN_TYPES.accessToken,
    requested_token_type: TOKEN_TYPES.accessToken,
    audience: "backend",
    resource: ["https://backend.example/api", "https://other.example/"],
  });
  assert.equal(token.issued_token_type, TOKEN_TYPES.accessToken);
  assert.deepEqual([...sent[0]], [
    ["grant_type", TOKEN_EXCHANGE],
    ["subject_token", "upstream"],
    ["subject_token_type", TOKEN_TYPES.accessToken],
    ["requested_token_type", TOKEN_TYPES.accessToken],
    ["audience", "backend"],
    ["resource", "https://backend.example/api"],
    ["resource", "https://other.example/"],
  ]);
});

Deno.test("an exchange may issue a token that is no access token (N_A), which cannot then be presented", async () => {
  const { client } = exchanging({
    access_token: "an-id-token-really",
    token_type: "N_A",
    issued_token_type: TOKEN_TYPES.idToken,
  });
  const token = await client.fetchToken({
    grantType: TOKEN_EXCHANGE,
    subject_token: "t",
    subject_token_type: TOKEN_TYPES.accessToken,
  });
  assert.equal(token.token_type, "N_A");
  await assert.rejects(client.sign(new Request("https://api.example/")), {
    code: "unsupported_token_type",
  });
  const other = exchanging({ access_token: "x", token_type: "N_A" });
  await assert.rejects(
    other.client.fetchToken({
      grantType: TOKEN_EXCHANGE,
      subject_token: "t",
      subject_token_type: TOKEN_TYPES.jwt,
    }),
    { code: "invalid_response", message: /issued_token_type/ },
  );
  const bearer = exchanging({ access_token: "x", token_type: "N_A" });
  await assert.rejects(bearer.client.fetchToken({ grantType: "client_credentials" }), {
    code: "unsupported_token_type",
  });
});

Deno.test("a token exchange without its subject token type, or an actor token without its type, is a TypeError", async () => {
  const { client, sent } = exchanging(ISSUED);
  for (
    const grant of [
      { grantType: TOKEN_EXCHANGE, subject_token: "t" },
      {
        grantType: TOKEN_EXCHANGE,
        subject_token: "t",
        subject_token_type: TOKEN_TYPES.jwt,
        actor_token: "a",
      },
    ]
  ) {
    // The first does not compile; the second does (an actor token's type is checked on use).
    await assert.rejects(client.fetchToken(grant as never), {
      name: "TypeError",
      message: /_token_type/,
    });
  }
  assert.equal(sent.length, 0);
});

Deno.test("every resource the client sends must be an absolute URI without a fragment (RFC 8707 §2)", async () => {
  const { client, sent } = exchanging(ISSUED);
  for (const resource of ["relative/path", "https://api.example/#frag", 42]) {
    const bad = resource as string;
    await assert.rejects(client.authorizationUrl({ resource: bad }), {
      name: "TypeError",
      message: /RFC 8707/,
    });
    await assert.rejects(
      client.fetchToken({ code: "c", codeVerifier: "v".repeat(43), resource: bad }),
      TypeError,
    );
    await assert.rejects(
      client.fetchToken({ grantType: "client_credentials", resource: bad }),
      TypeError,
    );
    await assert.rejects(client.deviceAuthorization({ resource: bad }), TypeError);
  }
  assert.equal(sent.length, 0);
  const { url } = await client.authorizationUrl({
    resource: ["https://a.example/", "urn:example:b"],
  });
  assert.deepEqual(url.searchParams.getAll("resource"), ["https://a.example/", "urn:example:b"]);
  await client.fetchToken({
    code: "c",
    codeVerifier: "v".repeat(43),
    resource: "https://a.example/",
  });
  assert.deepEqual(sent[0].getAll("resource"), ["https://a.example/"]);
});

Deno.test("oidc-provider: a code redeemed for a resource gives a token for that resource's audience and scope", async () => {
  await using op = await startOidcProvider();
  const client = new OAuth2Client({
    ...op.clientOptions,
    ...op.clients.basic,
    scope: "openid api:read",
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl({
    resource: op.apiResource,
  });
  const callback = await op.authorize(url);
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    nonce,
    resource: op.apiResource,
  });
  assert.equal(token.scope, "api:read");
  const about = await client.introspectToken(token.access_token);
  assert.equal(about.active, true);
  assert.equal(about.aud, op.apiResource);
  assert.deepEqual(op.serverErrors, []);
});
