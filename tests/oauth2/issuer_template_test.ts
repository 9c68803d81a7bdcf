/**
 * `issuerTemplate`: a multi-tenant issuer (Microsoft Entra ID's
 * `https://login.microsoftonline.com/{tenantid}/v2.0`) checked per tenant: the option's own
 * checks, the callback's `iss` (RFC 9207), refresh, and the template functions.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import {
  checkIssuerTemplate,
  fitsIssuerTemplate,
  issuerOfTenant,
} from "../../oauth2/issuer_template.ts";

const TEMPLATE = "https://login.example/{tenantid}/v2.0";

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
  assert.equal(issuerOfTenant(TEMPLATE, "abc-123"), "https://login.example/abc-123/v2.0");
  for (const tid of ["", "a/b", "a?b", "..", 7, undefined]) {
    assert.equal(issuerOfTenant(TEMPLATE, tid), undefined, String(tid));
  }
  assert.equal(fitsIssuerTemplate(TEMPLATE, TEMPLATE), true);
  assert.equal(fitsIssuerTemplate(TEMPLATE, "https://login.example/abc/v2.0"), true);
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
    authorizationResponse: callback("https://login.example/t1/v2.0"),
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
