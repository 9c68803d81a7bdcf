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

Deno.test("an issuer mismatch in the metadata shows both issuers, the received one cut short (RFC 8414 §3.3)", async () => {
  const url = `${ISSUER}/.well-known/openid-configuration`;
  const cases: [unknown, string][] = [
    [
      `${ISSUER}/`,
      `the metadata's issuer is "${ISSUER}/", expected "${ISSUER}" exactly (RFC 8414 §3.3); ` +
      "they differ in the trailing /: pass the issuer as the metadata spells it",
    ],
    [
      `https://evil.example/${"x".repeat(5000)}`,
      `the metadata's issuer is "https://evil.example/${"x".repeat(79)}"… (5021 characters), ` +
      `expected "${ISSUER}" exactly (RFC 8414 §3.3)`,
    ],
    [undefined, `the metadata's issuer is undefined, expected "${ISSUER}" exactly (RFC 8414 §3.3)`],
  ];
  for (const [issuer, message] of cases) {
    clearDiscoveryCache();
    await assert.rejects(
      discoverMetadata(ISSUER, {
        ...serving({ [url]: metadata({ issuer }) }),
        wellKnown: "openid-configuration",
      }),
      { code: "issuer_mismatch", message },
    );
  }
  clearDiscoveryCache();
});

Deno.test("a well-known URL given for the issuer (Authlib's server_metadata_url) is fetched as it is, once", async () => {
  const cases: [string, string][] = [
    [`${ISSUER}/.well-known/openid-configuration`, ISSUER],
    // Auth0 spells its issuer with the trailing "/"; its well-known URL is the same (§4.1).
    [`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}/`],
    [`${ISSUER}/tenant/.well-known/openid-configuration`, `${ISSUER}/tenant`],
    [`${ISSUER}/.well-known/oauth-authorization-server`, ISSUER],
    [`${ISSUER}/.well-known/oauth-authorization-server/tenant`, `${ISSUER}/tenant`],
  ];
  for (const [url, issuer] of cases) {
    clearDiscoveryCache();
    const server = serving({ [url]: metadata({ issuer }) });
    const found = await discoverMetadata(url, { fetch: server.fetch });
    assert.equal(found.issuer, issuer, url);
    await discoverMetadata(url, { fetch: server.fetch });
    assert.deepEqual(server.asked, [url], "fetched once as given, then from the cache");
  }
  clearDiscoveryCache();
  const url = `${ISSUER}/.well-known/openid-configuration`;
  const client = await OAuth2Client.discover(url, {
    clientId: "app",
    fetch: serving({ [url]: metadata() }).fetch,
  });
  assert.equal(client.metadata?.issuer, ISSUER);
  assert.equal(
    client.toJSON().issuer,
    ISSUER,
    "callbacks are checked against the metadata's issuer",
  );
  clearDiscoveryCache();
});

Deno.test("metadata at a well-known URL must name an issuer whose well-known URL it is (RFC 8414 §3.3)", async () => {
  const cases: [string, unknown][] = [
    [`${ISSUER}/.well-known/openid-configuration`, "https://evil.example"],
    [`${ISSUER}/tenant/.well-known/openid-configuration`, ISSUER],
    [`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}/tenant`],
    [`${ISSUER}/.well-known/oauth-authorization-server/tenant`, `${ISSUER}/other`],
    [`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}?query`],
    [`${ISSUER}/.well-known/openid-configuration`, "https://user@as.example"],
    [`${ISSUER}/.well-known/openid-configuration`, undefined],
  ];
  for (const [url, issuer] of cases) {
    clearDiscoveryCache();
    await assert.rejects(
      discoverMetadata(url, serving({ [url]: metadata({ issuer }) })),
      (error: OAuthError) => {
        assert.equal(error.code, "issuer_mismatch", `${url} ${issuer}`);
        assert.ok(error.message.includes(url), error.message);
        return true;
      },
    );
  }
  clearDiscoveryCache();
  await assert.rejects(
    discoverMetadata(`${ISSUER}/.well-known/openid-configuration`, {
      wellKnown: "oauth-authorization-server",
    }),
    { name: "TypeError", message: /wellKnown/ },
  );
  await assert.rejects(discoverMetadata(ISSUER, { wellKnown: "openid" as never }), {
    name: "TypeError",
    message: /wellKnown must be openid-configuration or oauth-authorization-server/,
  });
});

Deno.test("no metadata where it should be says to pass the issuer, and where it looked", async () => {
  clearDiscoveryCache();
  const login = `${ISSUER}/oauth2/authorize`;
  await assert.rejects(discoverMetadata(login, serving({})), (error: OAuthError) => {
    assert.equal(error.code, "invalid_response");
    assert.equal(error.status, 404);
    assert.match(error.message, /pass the issuer/);
    assert.ok(error.message.includes(`${login}/.well-known/openid-configuration`), error.message);
    assert.ok(
      error.message.includes(`${ISSUER}/.well-known/oauth-authorization-server/oauth2/authorize`),
      error.message,
    );
    return true;
  });
  const url = `${ISSUER}/.well-known/openid-configuration`;
  await assert.rejects(discoverMetadata(url, serving({})), (error: OAuthError) => {
    assert.equal(error.code, "invalid_response");
    assert.match(error.message, /pass the issuer/);
    assert.ok(error.message.includes(url), error.message);
    return true;
  });
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

Deno.test("a cached document answers only the issuer spelled exactly as it was fetched for (RFC 8414 §3.3)", async () => {
  clearDiscoveryCache();
  const server = serving({ [`${ISSUER}/.well-known/openid-configuration`]: metadata() });
  await discoverMetadata(ISSUER, { fetch: server.fetch });
  // Each spelling names the same well-known URL; the document still names https://as.example.
  for (const spelling of ["https://AS.example", "https://as.example:443", "https://as.example/"]) {
    await assert.rejects(
      discoverMetadata(spelling, { fetch: server.fetch }),
      (error: OAuthError) => {
        assert.equal(error.code, "issuer_mismatch");
        assert.ok(error.message.includes(`"${spelling}"`), error.message);
        assert.ok(error.message.includes(`"${ISSUER}"`), error.message);
        return true;
      },
    );
  }
  assert.equal(server.asked.length, 4, "every other spelling was fetched, not answered from cache");
  clearDiscoveryCache();
});

Deno.test("the discovery cache keeps the most recently used issuers and drops the oldest", async () => {
  clearDiscoveryCache();
  const asked: string[] = [];
  const fetch = (request: Request) => {
    asked.push(request.url);
    const issuer = new URL(request.url).origin;
    // 8 KiB of padding each: 300 of them would hold 2.4 MB if nothing were dropped.
    return Promise.resolve(Response.json({ issuer, padding: "x".repeat(8192) }));
  };
  const issuer = (n: number) => `https://as${n}.example`;
  await discoverMetadata(issuer(0), { fetch });
  for (let n = 1; n < 300; n++) {
    await discoverMetadata(issuer(n), { fetch });
    await discoverMetadata(issuer(0), { fetch }); // kept in use: never the oldest
  }
  assert.equal(asked.length, 300);
  await discoverMetadata(issuer(299), { fetch });
  assert.equal(asked.length, 300, "a recent issuer is answered from the cache");
  await discoverMetadata(issuer(1), { fetch });
  assert.equal(asked.length, 301, "an early issuer was dropped and is fetched again");
  clearDiscoveryCache();
});

Deno.test("expired documents are fetched again; large ones count against the cache's 4 MiB", async () => {
  clearDiscoveryCache();
  let clock = 0;
  const now = () => clock;
  let padding = 0;
  const server = {
    asked: 0,
    fetch: () => {
      server.asked++;
      return Promise.resolve(Response.json({ ...metadata(), padding: "x".repeat(padding) }));
    },
  };
  await discoverMetadata(ISSUER, { fetch: server.fetch, now });
  clock += 15 * 60 * 1000;
  await discoverMetadata(ISSUER, { fetch: server.fetch, now });
  assert.equal(server.asked, 2);
  clearDiscoveryCache();
  padding = 900 * 1024;
  for (let n = 0; n < 6; n++) await discoverMetadata(ISSUER, { fetch: server.fetch, now });
  assert.equal(server.asked, 3, "a 900 KiB document is cached");
  clearDiscoveryCache();
  // Five documents of 900 KiB exceed the 4 MiB the cache holds: the first is dropped.
  const fetchFor = (request: Request) =>
    Promise.resolve(
      Response.json({ issuer: new URL(request.url).origin, padding: "x".repeat(padding) }),
    );
  let fetched = 0;
  const counting = (request: Request) => (fetched++, fetchFor(request));
  for (let n = 0; n < 5; n++) {
    await discoverMetadata(`https://big${n}.example`, { fetch: counting });
  }
  await discoverMetadata("https://big0.example", { fetch: counting });
  assert.equal(fetched, 6);
  clearDiscoveryCache();
});

Deno.test("an https issuer's metadata may not point an endpoint at http, loopback included", async () => {
  for (const member of ["token_endpoint", "jwks_uri", "userinfo_endpoint"]) {
    clearDiscoveryCache();
    const { fetch } = serving({
      [`${ISSUER}/.well-known/openid-configuration`]: metadata({
        [member]: "http://127.0.0.1:8080/internal",
      }),
    });
    await assert.rejects(discoverMetadata(ISSUER, { fetch }), (error: OAuthError) => {
      assert.equal(error.code, "insecure_transport");
      assert.match(error.message, new RegExp(`^${member} must use https: as the issuer does`));
      return true;
    });
  }
  clearDiscoveryCache();
  const loopback = "http://127.0.0.1:4000";
  const { fetch } = serving({
    [`${loopback}/.well-known/openid-configuration`]: {
      issuer: loopback,
      token_endpoint: `${loopback}/token`,
    },
  });
  const found = await discoverMetadata(loopback, { fetch });
  assert.equal(found.token_endpoint, `${loopback}/token`, "a loopback http issuer keeps http");
  clearDiscoveryCache();
});

Deno.test("an http issuer beyond loopback needs allowInsecureRequests, and the refusal says so", async () => {
  clearDiscoveryCache();
  const issuer = "http://keycloak:8080/realms/dev";
  const { asked, fetch } = serving({
    [`${issuer}/.well-known/openid-configuration`]: {
      issuer,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
    },
  });
  await assert.rejects(
    OAuth2Client.discover(issuer, { clientId: "app", fetch }),
    (error: OAuthError) => {
      assert.equal(error.code, "insecure_transport");
      assert.match(error.message, /allowInsecureRequests: true/);
      return true;
    },
  );
  assert.equal(asked.length, 0, "nothing was fetched");
  const client = await OAuth2Client.discover(issuer, {
    clientId: "app",
    allowInsecureRequests: true,
    fetch,
  });
  assert.equal(client.metadata?.token_endpoint, `${issuer}/protocol/openid-connect/token`);
  clearDiscoveryCache();
});
