/**
 * `issuerTemplate`: a multi-tenant issuer (Microsoft Entra ID's
 * `https://login.microsoftonline.com/{tenantid}/v2.0`) checked per tenant: the option's own
 * checks, the callback's `iss` (RFC 9207), refresh, and the template functions.
 */
import assert from "node:assert/strict";
import { generateKeyPair, SignJWT } from "jose";
import { clearDiscoveryCache, discoverMetadata, OAuth2Client } from "../../oauth2/mod.ts";
import {
  checkIssuerTemplate,
  fitsIssuerTemplate,
  issuerOfTenant,
} from "../../oauth2/_tenant_issuers.ts";
import { type JwksCache, validateIdToken } from "../../oauth2/id_token.ts";

const TEMPLATE = "https://login.example/{tenantid}/v2.0";
// Two tenants' ids: Entra ID's are GUIDs.
const A = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const B = "0a1b2c3d-0000-4000-8000-1234567890ab";
const issuerOf = (tenant: string) => `https://login.example/${tenant}/v2.0`;

Deno.test("issuerTemplate must hold {tenantid} once and be an https issuer around it", () => {
  for (
    const bad of [
      42,
      "https://login.example/v2.0",
      `${TEMPLATE}/{tenantid}`,
      "https://login.example/{tenantid}?x=1",
    ]
  ) {
    assert.throws(() => checkIssuerTemplate(bad), TypeError, String(bad));
    assert.throws(
      () => new OAuth2Client({ clientId: "app", issuerTemplate: bad as string }),
      TypeError,
    );
  }
  assert.throws(() => checkIssuerTemplate("http://login.example/{tenantid}"), {
    code: "insecure_transport",
  });
  assert.equal(checkIssuerTemplate(TEMPLATE), TEMPLATE);
  assert.equal(checkIssuerTemplate(undefined), undefined);
  assert.equal(
    checkIssuerTemplate("http://login.test/{tenantid}", true),
    "http://login.test/{tenantid}",
  );
});

Deno.test("a tenant's issuer is the template with its id, and only an id fits one path segment", () => {
  assert.equal(issuerOfTenant(TEMPLATE, A), issuerOf(A));
  for (const tid of ["", "a/b", "a?b", "..", 7, undefined]) {
    assert.equal(issuerOfTenant(TEMPLATE, tid), undefined, String(tid));
  }
  assert.equal(fitsIssuerTemplate(TEMPLATE, TEMPLATE), true);
  assert.equal(fitsIssuerTemplate(TEMPLATE, issuerOf(A)), true);
  assert.equal(fitsIssuerTemplate(TEMPLATE, "https://login.example/a/b/v2.0"), false);
  assert.equal(fitsIssuerTemplate(TEMPLATE, "https://login.example//v2.0"), false);
  assert.equal(fitsIssuerTemplate(TEMPLATE, "https://login.example/v2.0"), false);
  assert.equal(fitsIssuerTemplate(TEMPLATE, "https://other.example/abc/v2.0"), false);
  assert.equal(fitsIssuerTemplate(TEMPLATE, null), false);
});

Deno.test("with a template, a callback's iss must be some tenant's issuer, never the template or another", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    issuer: "https://login.example/common/v2.0",
    issuerTemplate: TEMPLATE,
    authorizationEndpoint: "https://login.example/common/authorize",
    tokenEndpoint: "https://login.example/common/token",
    redirectUri: "https://app.example/cb",
    fetch: () => Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" })),
  });
  const { state, codeVerifier } = await client.authorizationUrl();
  const callback = (iss: string) =>
    `https://app.example/cb?code=c&state=${state}&iss=${encodeURIComponent(iss)}`;
  for (const iss of [TEMPLATE, "https://evil.example/t1/v2.0", "https://login.example/t1/v2"]) {
    await assert.rejects(
      client.fetchToken({ authorizationResponse: callback(iss), state, codeVerifier }),
      { code: "issuer_mismatch" },
      iss,
    );
  }
  const token = await client.fetchToken({
    authorizationResponse: callback(issuerOf(A)),
    state,
    codeVerifier,
  });
  assert.equal(token.access_token, "at");
});

Deno.test("a template alone lets a token with an ID token be refreshed, and without jwksUri it is a TypeError", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    issuerTemplate: TEMPLATE,
    tokenEndpoint: "https://login.example/common/token",
    token: { access_token: "at", token_type: "Bearer", refresh_token: "rt", id_token: "x.y.z" },
    fetch: () =>
      Promise.resolve(
        Response.json({ access_token: "at2", token_type: "Bearer", id_token: "a.b.c" }),
      ),
  });
  await assert.rejects(client.refreshToken(), (error: Error) => {
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /jwksUri/);
    return true;
  });
});

Deno.test("issuerTemplate's {tenantid} is one whole path segment, never in the host or part of a segment", () => {
  for (
    const bad of [
      "https://{tenantid}.example.com/",
      "https://example.com{tenantid}",
      "https://example.com{tenantid}/v2.0",
      "https://{tenantid}/v2.0",
      "https://login.example/v{tenantid}/v2.0",
      "https://login.example/{tenantid}x/v2.0",
      "https://login.example/{tenantid}.v2",
      "https://login.example/{tenantid}#x",
      "https://user:{tenantid}@login.example/",
      "https://login.example/?/{tenantid}",
    ]
  ) {
    assert.throws(() => checkIssuerTemplate(bad), TypeError, bad);
    assert.throws(() => new OAuth2Client({ clientId: "app", issuerTemplate: bad }), TypeError, bad);
  }
  for (
    const good of [
      "https://login.example/{tenantid}",
      "https://login.example/{tenantid}/",
      "https://login.example/a/{tenantid}/v2.0",
      "http://localhost:8080/{tenantid}/v2.0",
    ]
  ) {
    assert.equal(checkIssuerTemplate(good), good);
  }
});

Deno.test("a tenant id is a GUID: aliases, _, - or a domain are no tenant's, and no issuer by them fits", () => {
  const upper = A.toUpperCase();
  for (
    const tid of [
      "common",
      "organizations",
      "consumers",
      "_",
      "-",
      "abc-123",
      "contoso.onmicrosoft.com",
      `${A}0`,
      A.replaceAll("-", ""),
      `{${A}}`,
      A.replace("7", "g"),
    ]
  ) {
    assert.equal(issuerOfTenant(TEMPLATE, tid), undefined, tid);
    assert.equal(fitsIssuerTemplate(TEMPLATE, issuerOf(tid)), false, tid);
  }
  assert.equal(issuerOfTenant(TEMPLATE, upper), issuerOf(upper));
  assert.equal(fitsIssuerTemplate(TEMPLATE, issuerOf(upper)), true);
});

/** A client of the template's `common` (or `issuer`), answering every token request. */
function templated(issuer = issuerOf("common")) {
  return new OAuth2Client({
    clientId: "app",
    issuer,
    issuerTemplate: TEMPLATE,
    authorizationEndpoint: "https://login.example/common/authorize",
    tokenEndpoint: "https://login.example/common/token",
    redirectUri: "https://app.example/cb",
    fetch: () => Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" })),
  });
}

async function callbackWith(client: OAuth2Client, iss: string) {
  const { state, codeVerifier } = await client.authorizationUrl();
  return await client.fetchToken({
    authorizationResponse: `https://app.example/cb?code=c&state=${state}&iss=${
      encodeURIComponent(iss)
    }`,
    state,
    codeVerifier,
  });
}

Deno.test("with a template, a callback's iss naming an alias, _ or - is no tenant's issuer (RFC 9207 §2.4)", async () => {
  for (const tenant of ["common", "organizations", "consumers", "_", "-"]) {
    await assert.rejects(callbackWith(templated(), issuerOf(tenant)), {
      code: "issuer_mismatch",
    }, tenant);
  }
});

Deno.test("a tenant's issuer beside the template wins: the callback's iss must be it exactly (RFC 9207 §2.4)", async () => {
  const pinned = () => templated(issuerOf(A));
  await assert.rejects(callbackWith(pinned(), issuerOf(B)), { code: "issuer_mismatch" });
  await assert.rejects(callbackWith(pinned(), TEMPLATE), { code: "issuer_mismatch" });
  assert.equal((await callbackWith(pinned(), issuerOf(A))).access_token, "at");
});

Deno.test("issuer beside issuerTemplate: an alias, a domain or a tenant's issuer by it; anything else is a TypeError", () => {
  for (
    const issuer of [
      "https://other.example/v2.0",
      "https://login.example/v2.0",
      TEMPLATE,
      "https://login.example/common/v1.0",
      issuerOf("_"),
      issuerOf("contoso"),
      issuerOf(`${A}0`),
    ]
  ) {
    assert.throws(() => templated(issuer), TypeError, issuer);
  }
  for (
    const tenant of ["common", "organizations", "consumers", "contoso.onmicrosoft.com", A, "Common"]
  ) {
    templated(issuerOf(tenant));
  }
});

/** A fetch serving `metadata` at the OpenID configuration of `asked`. */
function serving(asked: string, issuer: string) {
  return (request: Request) =>
    Promise.resolve(
      request.url === `${asked}/.well-known/openid-configuration`
        ? Response.json({ issuer, token_endpoint: `${asked}/token` })
        : new Response(null, { status: 404 }),
    );
}

Deno.test("discovering one tenant by its id needs that tenant's issuer exactly, template or not (OpenID Connect Discovery §4.3, RFC 8414 §3.3)", async () => {
  for (const named of [issuerOf(B), TEMPLATE]) {
    clearDiscoveryCache();
    const fetch = serving(issuerOf(A), named);
    await assert.rejects(
      discoverMetadata(issuerOf(A), { issuerTemplate: TEMPLATE, fetch }),
      { code: "issuer_mismatch" },
      named,
    );
    await assert.rejects(
      OAuth2Client.discover(issuerOf(A), {
        clientId: "app",
        issuer: issuerOf("common"),
        issuerTemplate: TEMPLATE,
        fetch,
      }),
      { code: "issuer_mismatch" },
      named,
    );
    // Nor does an issuer that is no alias or domain stand for any tenant.
    await assert.rejects(
      discoverMetadata(issuerOf("_"), {
        issuerTemplate: TEMPLATE,
        fetch: serving(issuerOf("_"), named),
      }),
      { code: "issuer_mismatch" },
      named,
    );
  }
  clearDiscoveryCache();
  const own = await discoverMetadata(issuerOf(A), {
    issuerTemplate: TEMPLATE,
    fetch: serving(issuerOf(A), issuerOf(A)),
  });
  assert.equal(own.issuer, issuerOf(A));
  clearDiscoveryCache();
});

Deno.test("discovering an alias or a domain accepts the template or one tenant's issuer, which pins the client", async () => {
  for (const tenant of ["common", "organizations", "consumers", "contoso.onmicrosoft.com"]) {
    clearDiscoveryCache();
    const fetch = serving(issuerOf(tenant), issuerOf(B));
    const client = await OAuth2Client.discover(issuerOf(tenant), {
      clientId: "app",
      issuer: issuerOf(tenant),
      issuerTemplate: TEMPLATE,
      redirectUri: "https://app.example/cb",
      fetch,
    });
    assert.equal(client.metadata?.issuer, issuerOf(B), tenant);
    clearDiscoveryCache();
    const metadata = await discoverMetadata(issuerOf(tenant), {
      issuerTemplate: TEMPLATE,
      fetch: serving(issuerOf(tenant), TEMPLATE),
    });
    assert.equal(metadata.issuer, TEMPLATE, tenant);
  }
  clearDiscoveryCache();
});

Deno.test("metadata given as an option names the tenant's issuer asked for, exactly", () => {
  assert.throws(
    () =>
      new OAuth2Client({
        clientId: "app",
        issuer: issuerOf(A),
        issuerTemplate: TEMPLATE,
        metadata: { issuer: issuerOf(B) },
      }),
    TypeError,
  );
  assert.throws(
    () =>
      new OAuth2Client({
        clientId: "app",
        issuer: issuerOf(A),
        issuerTemplate: TEMPLATE,
        metadata: { issuer: TEMPLATE },
      }),
    TypeError,
  );
  new OAuth2Client({
    clientId: "app",
    issuer: issuerOf("common"),
    issuerTemplate: TEMPLATE,
    metadata: { issuer: issuerOf(B) },
  });
});

/** `validateIdToken` of a token of `tenant` (its `tid` and `iss`) against `expected`. */
async function validateTenantToken(tenant: string, expected: { issuer?: string }) {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const now = 1_750_000_000;
  const jwt = await new SignJWT({ iss: issuerOf(tenant), tid: tenant, sub: "u", aud: "app" })
    .setProtectedHeader({ alg: "ES256" })
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(privateKey);
  const keys = { candidates: () => Promise.resolve([publicKey]) } as unknown as JwksCache;
  return await validateIdToken(jwt, keys, {
    ...expected,
    issuerTemplate: TEMPLATE,
    clientId: "app",
    now: now * 1000,
    clockTolerance: 0,
  });
}

Deno.test("an ID token beside a template and a tenant's issuer must name that issuer exactly (OpenID Connect Core §3.1.3.7)", async () => {
  await assert.rejects(validateTenantToken(B, { issuer: issuerOf(A) }), {
    code: "issuer_mismatch",
  });
  assert.equal((await validateTenantToken(A, { issuer: issuerOf(A) })).iss, issuerOf(A));
  // The issuer of an alias, or none, leaves the check to the template, per tenant.
  assert.equal((await validateTenantToken(B, { issuer: issuerOf("common") })).iss, issuerOf(B));
  assert.equal((await validateTenantToken(B, {})).iss, issuerOf(B));
  await assert.rejects(validateTenantToken("common", {}), { code: "issuer_mismatch" });
});
