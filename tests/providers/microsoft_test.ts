/**
 * `microsoft()` end to end against a fake Entra ID that behaves as "OpenID Connect on the
 * Microsoft identity platform" documents it: tenant-scoped v2.0 endpoints, the `{tenantid}`
 * issuer of the `common` and `organizations` metadata, ID tokens whose `iss` names their `tid`,
 * the consumers tenant, and Microsoft Graph's OIDC userinfo.
 */
import assert from "node:assert/strict";
import { clearDiscoveryCache, OAuth2Client } from "../../oauth2/mod.ts";
import { microsoft, MICROSOFT_CONSUMERS_TENANT_ID, profile } from "../../providers/mod.ts";
import { bearer, oauthError, router, s256, type SigningKey, signingKey, signJwt } from "./_idp.ts";

const CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
const REDIRECT = "https://app.example/callback";
const NOW = 1_750_000_000_000;
const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const FABRIKAM = "0a1b2c3d-0000-4000-8000-1234567890ab";
const LOGIN = "https://login.microsoftonline.com";

/** The claims an ID token of tenant `tid` carries; `override` forges some. */
type Forge = (claims: Record<string, unknown>) => Record<string, unknown>;

/**
 * A fake Entra ID serving `tenant`'s v2.0 endpoints: metadata as Microsoft publishes it (the
 * `{tenantid}` issuer for common and organizations), and ID tokens of `tid` made by `forge`.
 */
async function fakeEntra(tenant: string, tid: string, forge: Forge = (claims) => claims) {
  const key: SigningKey = await signingKey("RS256", "entra-1");
  const codes = new Map<string, URLSearchParams>();
  const base = `${LOGIN}/${tenant}`;
  const metadataIssuer = tenant === "common" || tenant === "organizations"
    ? `${LOGIN}/{tenantid}/v2.0`
    : `${LOGIN}/${tenant === "consumers" ? MICROSOFT_CONSUMERS_TENANT_ID : tid}/v2.0`;
  const { fetch, seen } = router({
    [`GET ${base}/v2.0/.well-known/openid-configuration`]: () =>
      Response.json({
        issuer: metadataIssuer,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
        token_endpoint_auth_methods_supported: [
          "client_secret_post",
          "private_key_jwt",
          "client_secret_basic",
        ],
        response_modes_supported: ["query", "fragment", "form_post"],
      }),
    [`GET ${base}/discovery/v2.0/keys`]: () => Response.json({ keys: [key.jwk] }),
    [`POST ${base}/oauth2/v2.0/token`]: async ({ headers, form }) => {
      const asked = codes.get(form.get("code") ?? "");
      const basic = headers.get("authorization") === `Basic ${btoa(`${CLIENT_ID}:entra-secret`)}`;
      if (!basic && form.get("client_id") !== CLIENT_ID) return oauthError("invalid_client", 401);
      if (asked === undefined) return oauthError("invalid_grant");
      if (await s256(form.get("code_verifier") ?? "") !== asked.get("code_challenge")) {
        return oauthError("invalid_grant");
      }
      const claims = forge({
        iss: `${LOGIN}/${tid}/v2.0`,
        tid,
        aud: CLIENT_ID,
        sub: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        oid: "00000000-0000-0000-66f3-3332eca7ea81",
        preferred_username: "ada@contoso.example",
        name: "Ada Lovelace",
        nonce: asked.get("nonce"),
        iat: NOW / 1000,
        exp: NOW / 1000 + 3600,
      });
      return Response.json({
        token_type: "Bearer",
        scope: "openid profile email",
        expires_in: 3600,
        access_token: "eyJ0eXAi.graph-token",
        id_token: await signJwt(key, claims),
      });
    },
    "GET https://graph.microsoft.com/oidc/userinfo": ({ headers }) =>
      bearer(headers) === "eyJ0eXAi.graph-token"
        ? Response.json({
          sub: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
          name: "Ada Lovelace",
          family_name: "Lovelace",
          given_name: "Ada",
          picture: "https://graph.microsoft.com/v1.0/me/photo/$value",
          email: "ada@contoso.example",
        })
        : new Response(null, { status: 401 }),
  });
  const authorize = (url: URL) => {
    assert.equal(url.origin + url.pathname, `${base}/oauth2/v2.0/authorize`);
    const code = `0.AX${codes.size}`;
    codes.set(code, url.searchParams);
    return `${REDIRECT}?code=${code}&state=${url.searchParams.get("state")}&session_state=s`;
  };
  return { fetch, seen, authorize };
}

async function login(
  client: OAuth2Client,
  fake: Awaited<ReturnType<typeof fakeEntra>>,
) {
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  return await client.fetchToken({
    authorizationResponse: fake.authorize(url),
    state,
    codeVerifier,
    nonce,
  });
}

function client(tenant: string | undefined, fetch: (request: Request) => Promise<Response>) {
  return new OAuth2Client({
    ...microsoft({ clientId: CLIENT_ID, redirectUri: REDIRECT, ...(tenant ? { tenant } : {}) }),
    fetch,
    now: () => NOW,
  });
}

Deno.test("microsoft: the endpoints are the tenant's v2.0 ones, common by default", () => {
  const preset = microsoft({ clientId: CLIENT_ID });
  assert.equal(preset.authorizationEndpoint, `${LOGIN}/common/oauth2/v2.0/authorize`);
  assert.equal(preset.tokenEndpoint, `${LOGIN}/common/oauth2/v2.0/token`);
  assert.equal(preset.jwksUri, `${LOGIN}/common/discovery/v2.0/keys`);
  assert.equal(preset.issuer, `${LOGIN}/common/v2.0`);
  assert.equal(preset.issuerTemplate, `${LOGIN}/{tenantid}/v2.0`);
  assert.equal(preset.clientAssertionAudience, preset.tokenEndpoint);
  const single = microsoft({ clientId: CLIENT_ID, tenant: CONTOSO });
  assert.equal(single.issuer, `${LOGIN}/${CONTOSO}/v2.0`);
  assert.equal(single.issuerTemplate, undefined);
  const consumers = microsoft({ clientId: CLIENT_ID, tenant: "consumers" });
  assert.equal(consumers.tokenEndpoint, `${LOGIN}/consumers/oauth2/v2.0/token`);
  assert.equal(consumers.issuer, `${LOGIN}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0`);
  for (const tenant of ["", "a/b", "x?y", "../common"]) {
    assert.throws(() => microsoft({ clientId: CLIENT_ID, tenant }), TypeError, tenant);
  }
});

Deno.test("microsoft: consumers and a tenant id give one exact issuer; common, organizations and a domain the template", () => {
  const exact = {
    consumers: MICROSOFT_CONSUMERS_TENANT_ID,
    [CONTOSO]: CONTOSO,
    [CONTOSO.toUpperCase()]: CONTOSO,
  };
  for (const [tenant, id] of Object.entries(exact)) {
    const preset = microsoft({ clientId: CLIENT_ID, tenant });
    assert.equal(preset.issuer, `${LOGIN}/${id}/v2.0`, tenant);
    assert.equal(preset.issuerTemplate, undefined, tenant);
    new OAuth2Client(preset);
  }
  for (const tenant of ["common", "organizations", "contoso.onmicrosoft.com", "Contoso.com"]) {
    const preset = microsoft({ clientId: CLIENT_ID, tenant });
    assert.equal(preset.issuer, `${LOGIN}/${tenant}/v2.0`, tenant);
    assert.equal(preset.issuerTemplate, `${LOGIN}/{tenantid}/v2.0`, tenant);
    new OAuth2Client(preset);
  }
  // Neither an alias, a tenant id nor a domain: the template could not stand for it.
  for (const tenant of ["contoso", "_", "-", `${CONTOSO}0`, ["common"]]) {
    assert.throws(
      () => microsoft({ clientId: CLIENT_ID, tenant: tenant as string }),
      TypeError,
      String(tenant),
    );
  }
});

Deno.test("microsoft common with one tenant's issuer given: that tenant's token signs in, another tenant's is refused", async () => {
  const pinned = (fetch: (request: Request) => Promise<Response>) =>
    new OAuth2Client({
      ...microsoft({ clientId: CLIENT_ID, redirectUri: REDIRECT }),
      issuer: `${LOGIN}/${CONTOSO}/v2.0`,
      fetch,
      now: () => NOW,
    });
  const own = await fakeEntra("common", CONTOSO);
  const c = pinned(own.fetch);
  await login(c, own);
  assert.equal(c.idTokenClaims?.iss, `${LOGIN}/${CONTOSO}/v2.0`);
  const other = await fakeEntra("common", FABRIKAM);
  const d = pinned(other.fetch);
  await assert.rejects(login(d, other), { code: "issuer_mismatch" });
  assert.equal(d.authorized, false);
});

Deno.test("microsoft: discovering one tenant's id refuses metadata naming another tenant (OpenID Connect Discovery §4.3)", async () => {
  clearDiscoveryCache();
  // Metadata at CONTOSO's URL naming FABRIKAM's issuer.
  const fake = await fakeEntra(CONTOSO, FABRIKAM);
  const preset = microsoft({
    clientId: CLIENT_ID,
    clientSecret: "entra-secret",
    redirectUri: REDIRECT,
  });
  await assert.rejects(
    OAuth2Client.discover(`${LOGIN}/${CONTOSO}/v2.0`, {
      ...preset,
      fetch: fake.fetch,
      now: () => NOW,
    }),
    { code: "issuer_mismatch" },
  );
  // CONTOSO's own metadata pins the client to CONTOSO (the preset's common endpoints stay).
  const own = await fakeEntra(CONTOSO, CONTOSO);
  for (const [tid, accepted] of [[CONTOSO, true], [FABRIKAM, false]] as const) {
    clearDiscoveryCache();
    const common = await fakeEntra("common", tid);
    const c = await OAuth2Client.discover(`${LOGIN}/${CONTOSO}/v2.0`, {
      ...preset,
      fetch: (request) =>
        new URL(request.url).pathname.startsWith(`/${CONTOSO}/`)
          ? own.fetch(request)
          : common.fetch(request),
      now: () => NOW,
    });
    assert.equal(c.metadata?.issuer, `${LOGIN}/${CONTOSO}/v2.0`);
    if (accepted) await login(c, common);
    else await assert.rejects(login(c, common), { code: "issuer_mismatch" });
  }
  clearDiscoveryCache();
});

Deno.test("microsoft common: a work account's token, whose iss names its own tid, signs in; profile() reads Graph's userinfo", async () => {
  const fake = await fakeEntra("common", CONTOSO);
  const c = client(undefined, fake.fetch);
  await login(c, fake);
  assert.equal(c.idTokenClaims?.tid, CONTOSO);
  const user = await profile(c);
  assert.equal(user.id, "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
  assert.equal(user.email, "ada@contoso.example");
  assert.equal(user.emailVerified, undefined, "Entra ID does not say");
  assert.equal(user.name, "Ada Lovelace");
});

Deno.test("microsoft common: a personal account (the consumers tenant) signs in too", async () => {
  const fake = await fakeEntra("common", MICROSOFT_CONSUMERS_TENANT_ID);
  const c = client(undefined, fake.fetch);
  await login(c, fake);
  assert.equal(c.idTokenClaims?.iss, `${LOGIN}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0`);
});

Deno.test("microsoft common: an iss of another tenant than the token's tid is refused", async () => {
  const fake = await fakeEntra(
    "common",
    CONTOSO,
    (claims) => ({ ...claims, iss: `${LOGIN}/${FABRIKAM}/v2.0` }),
  );
  const c = client(undefined, fake.fetch);
  await assert.rejects(login(c, fake), { name: "OAuthError", code: "issuer_mismatch" });
  assert.equal(c.authorized, false);
});

Deno.test("microsoft common: a token without tid, or with one that is no tenant id, is refused", async () => {
  for (const tid of [undefined, "", "x/v2.0", 42]) {
    const fake = await fakeEntra("common", CONTOSO, (claims) => ({ ...claims, tid }));
    await assert.rejects(
      login(client(undefined, fake.fetch), fake),
      { code: "issuer_mismatch" },
      String(tid),
    );
  }
});

Deno.test("microsoft common: a tid that is no GUID is refused, even with an iss made of it", async () => {
  for (const tid of ["common", "organizations", "consumers", "_", "-"]) {
    const fake = await fakeEntra("common", CONTOSO, (claims) => ({
      ...claims,
      tid,
      iss: `${LOGIN}/${tid}/v2.0`,
    }));
    await assert.rejects(
      login(client(undefined, fake.fetch), fake),
      { code: "issuer_mismatch" },
      tid,
    );
  }
});

Deno.test("microsoft common: an iss that is the template itself, or another host, is refused", async () => {
  for (const iss of [`${LOGIN}/{tenantid}/v2.0`, `https://sts.windows.net/${CONTOSO}/`]) {
    const fake = await fakeEntra("common", CONTOSO, (claims) => ({ ...claims, iss }));
    await assert.rejects(
      login(client(undefined, fake.fetch), fake),
      { code: "issuer_mismatch" },
      iss,
    );
  }
});

Deno.test("microsoft with a tenant id or consumers: the issuer is exact, another tenant's token is refused", async () => {
  const own = await fakeEntra(CONTOSO, CONTOSO);
  await login(client(CONTOSO, own.fetch), own);
  const other = await fakeEntra(CONTOSO, FABRIKAM);
  await assert.rejects(login(client(CONTOSO, other.fetch), other), { code: "issuer_mismatch" });
  const personal = await fakeEntra("consumers", MICROSOFT_CONSUMERS_TENANT_ID);
  await login(client("consumers", personal.fetch), personal);
  const work = await fakeEntra("consumers", CONTOSO);
  await assert.rejects(login(client("consumers", work.fetch), work), { code: "issuer_mismatch" });
});

Deno.test("microsoft: OAuth2Client.discover(preset.issuer, preset) accepts common's {tenantid} metadata and still checks each token", async () => {
  clearDiscoveryCache();
  const fake = await fakeEntra("common", CONTOSO);
  // Microsoft's metadata lists no "none": a confidential client, as web apps are.
  const preset = microsoft({
    clientId: CLIENT_ID,
    clientSecret: "entra-secret",
    redirectUri: REDIRECT,
  });
  const c = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: fake.fetch,
    now: () => NOW,
  });
  assert.equal(c.metadata?.issuer, `${LOGIN}/{tenantid}/v2.0`);
  await login(c, fake);
  assert.equal(c.idTokenClaims?.tid, CONTOSO);
  clearDiscoveryCache();
  const forged = await fakeEntra(
    "common",
    CONTOSO,
    (claims) => ({ ...claims, iss: `${LOGIN}/${FABRIKAM}/v2.0` }),
  );
  const d = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: forged.fetch,
    now: () => NOW,
  });
  await assert.rejects(login(d, forged), { code: "issuer_mismatch" });
  clearDiscoveryCache();
});

Deno.test("microsoft: discovering a tenant domain pins the client to the tenant its metadata names", async () => {
  clearDiscoveryCache();
  const preset = microsoft({
    clientId: CLIENT_ID,
    clientSecret: "entra-secret",
    redirectUri: REDIRECT,
    tenant: "contoso.onmicrosoft.com",
  });
  assert.equal(preset.issuerTemplate, `${LOGIN}/{tenantid}/v2.0`);
  const own = await fakeEntra("contoso.onmicrosoft.com", CONTOSO);
  const c = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: own.fetch,
    now: () => NOW,
  });
  assert.equal(c.metadata?.issuer, `${LOGIN}/${CONTOSO}/v2.0`);
  await login(c, own);
  clearDiscoveryCache();
  // Another tenant's token, consistent in itself, is not this tenant's.
  const other = await fakeEntra("contoso.onmicrosoft.com", CONTOSO, (claims) => ({
    ...claims,
    tid: FABRIKAM,
    iss: `${LOGIN}/${FABRIKAM}/v2.0`,
  }));
  const d = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: other.fetch,
    now: () => NOW,
  });
  await assert.rejects(login(d, other), { code: "issuer_mismatch" });
  clearDiscoveryCache();
});

Deno.test("microsoft: discovery refuses metadata that names neither the issuer asked for nor a tenant's", async () => {
  clearDiscoveryCache();
  const preset = microsoft({ clientId: CLIENT_ID });
  const { fetch } = router({
    [`GET ${LOGIN}/common/v2.0/.well-known/openid-configuration`]: () =>
      Response.json({ issuer: "https://login.evil.example/{tenantid}/v2.0" }),
  });
  await assert.rejects(OAuth2Client.discover(preset.issuer!, { ...preset, fetch }), {
    code: "issuer_mismatch",
  });
  clearDiscoveryCache();
});
