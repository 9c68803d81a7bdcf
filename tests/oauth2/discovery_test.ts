/**
 * Discovery (RFC 8414, OpenID Connect Discovery 1.0): the well-known URLs, the checks on the
 * metadata (checklist M1–M4, R4 row 41) and the cache. oidc_provider_discovery_test.ts runs
 * OAuth2Client.discover against oidc-provider's real metadata.
 */
import assert from "node:assert/strict";
import {
  clearDiscoveryCache,
  discoverMetadata,
  OAuth2Client,
  wellKnownUrl,
} from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";

const ISSUER = "https://as.example";

/** A fetch answering from a table of URL → metadata (404 elsewhere), recording the URLs asked. */
function serving(table: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch = (request: Request) => {
    asked.push(request.url);
    const body = table[request.url];
    return Promise.resolve(
      body === undefined ? new Response("not found", { status: 404 }) : Response.json(body),
    );
  };
  return { asked, fetch };
}

const metadata = (extra: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  ...extra,
});

Deno.test("well-known URLs: RFC 8414 inserts after the host, OpenID appends (checklist M1)", () => {
  const table: [string, string, string][] = [
    [
      "https://as.example",
      "/.well-known/oauth-authorization-server",
      "/.well-known/openid-configuration",
    ],
    [
      "https://as.example/",
      "/.well-known/oauth-authorization-server",
      "/.well-known/openid-configuration",
    ],
    [
      "https://as.example/tenant",
      "/.well-known/oauth-authorization-server/tenant",
      "/tenant/.well-known/openid-configuration",
    ],
    [
      "https://as.example/tenant/",
      "/.well-known/oauth-authorization-server/tenant",
      "/tenant/.well-known/openid-configuration",
    ],
    [
      "https://as.example:8443/a/b",
      "/.well-known/oauth-authorization-server/a/b",
      "/a/b/.well-known/openid-configuration",
    ],
  ];
  for (const [issuer, oauth, openid] of table) {
    const origin = new URL(issuer).origin;
    assert.equal(wellKnownUrl(issuer, "oauth-authorization-server"), origin + oauth, issuer);
    assert.equal(wellKnownUrl(issuer, "openid-configuration"), origin + openid, issuer);
  }
});

Deno.test("OpenID configuration first; RFC 8414 when it is not found; cached afterwards", async () => {
  clearDiscoveryCache();
  const { asked, fetch } = serving({
    [`${ISSUER}/.well-known/oauth-authorization-server`]: metadata(),
  });
  let now = 1_700_000_000_000;
  const found = await discoverMetadata(ISSUER, { fetch, now: () => now });
  assert.equal(found.token_endpoint, `${ISSUER}/token`);
  assert.ok(Object.isFrozen(found));
  assert.deepEqual(asked, [
    `${ISSUER}/.well-known/openid-configuration`,
    `${ISSUER}/.well-known/oauth-authorization-server`,
  ]);
  await discoverMetadata(ISSUER, {
    fetch,
    wellKnown: "oauth-authorization-server",
    now: () => now,
  });
  assert.equal(asked.length, 2, "served from the cache");
  now += 16 * 60 * 1000;
  await discoverMetadata(ISSUER, {
    fetch,
    wellKnown: "oauth-authorization-server",
    now: () => now,
  });
  assert.equal(asked.length, 3, "fetched again after 15 minutes");
  clearDiscoveryCache();
});

Deno.test("metadata for another issuer, bad endpoints or none at all are typed errors (M2, M3)", async () => {
  const url = `${ISSUER}/.well-known/openid-configuration`;
  const cases: [unknown, string][] = [
    [metadata({ issuer: `${ISSUER}/` }), "issuer_mismatch"],
    [metadata({ issuer: "https://evil.example" }), "issuer_mismatch"],
    [metadata({ token_endpoint: 42 }), "invalid_response"],
    [metadata({ token_endpoint: "not a url" }), "invalid_response"],
    [metadata({ revocation_endpoint: "http://as.example/revoke" }), "insecure_transport"],
    [metadata({ jwks_uri: "http://as.example/jwks" }), "insecure_transport"],
    [metadata({ code_challenge_methods_supported: "S256" }), "invalid_response"],
  ];
  for (const [body, code] of cases) {
    clearDiscoveryCache();
    const { fetch } = serving({ [url]: body });
    await assert.rejects(
      discoverMetadata(ISSUER, { fetch, wellKnown: "openid-configuration" }),
      (error) => error instanceof OAuthError && error.code === code,
      JSON.stringify(body),
    );
  }
  clearDiscoveryCache();
  await assert.rejects(discoverMetadata(ISSUER, serving({})), { code: "invalid_response" });
  await assert.rejects(
    discoverMetadata(ISSUER, {
      fetch: () =>
        Promise.resolve(new Response("<html>", { headers: { "content-type": "text/html" } })),
    }),
    { code: "invalid_response" },
  );
  await assert.rejects(discoverMetadata("http://as.example"), { code: "insecure_transport" });
});

Deno.test("PKCE and client authentication come from the metadata, never downgraded (M4)", async () => {
  const client = (extra: Record<string, unknown>, options: Record<string, unknown> = {}) =>
    new OAuth2Client({ clientId: "app", metadata: metadata(extra), ...options });
  const methodOf = async (c: OAuth2Client) =>
    (await c.authorizationUrl()).url.searchParams.get("code_challenge_method");
  assert.equal(await methodOf(client({})), "S256");
  assert.equal(
    await methodOf(client({ code_challenge_methods_supported: ["plain", "S256"] })),
    "S256",
  );
  assert.throws(
    () => client({ code_challenge_methods_supported: ["plain"] }),
    (error) => error instanceof OAuthError && error.code === "pkce_s256_unsupported",
  );
  assert.equal(
    await methodOf(client({ code_challenge_methods_supported: ["plain"] }, { pkce: "plain" })),
    "plain",
  );

  const authOf = (extra: Record<string, unknown>, options: Record<string, unknown>) =>
    (client(extra, options).toJSON() as { clientAuthentication: string }).clientAuthentication;
  const post = { token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"] };
  assert.equal(authOf(post, { clientSecret: "s" }), "client_secret_post");
  assert.equal(authOf({}, { clientSecret: "s" }), "client_secret_basic");
  assert.equal(authOf({}, {}), "none");
  assert.throws(() => client(post, {}), { code: "unsupported_auth_method" });
  assert.throws(
    () => client(post, { clientSecret: "s", clientAuthentication: "client_secret_basic" }),
    { code: "unsupported_auth_method" },
  );
  assert.throws(() => client({}, { issuer: "https://other.example" }), TypeError);
});

Deno.test("a server that always sends iss has callbacks without it refused (RFC 9207, checklist 41)", async () => {
  const sent: Request[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    metadata: metadata({ authorization_response_iss_parameter_supported: true }),
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    },
  });
  const { state, codeVerifier } = await client.authorizationUrl();
  const callback = `https://app.example/cb?code=c&state=${state}`;
  await assert.rejects(
    client.fetchToken({ authorizationResponse: callback, state, codeVerifier }),
    { code: "iss_missing" },
  );
  assert.equal(sent.length, 0);
  await client.fetchToken({
    authorizationResponse: `${callback}&iss=${encodeURIComponent(ISSUER)}`,
    state,
    codeVerifier,
  });
  assert.equal(sent.length, 1);
});
