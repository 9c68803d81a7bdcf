/**
 * Microsoft identity platform (Entra ID, v2.0 endpoints), as "OpenID Connect on the Microsoft
 * identity platform" documents it
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc): endpoints under
 * `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/` for a `tenant` of `common` (work,
 * school and personal accounts), `organizations`, `consumers`, or one tenant's id or domain.
 *
 * The metadata of `common` and `organizations` names the issuer
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, a template: each ID token's `iss` must be
 * it with the token's own `tid` in place ("Validate the issuer"), which the preset's
 * `issuerTemplate` makes the client check, so a token whose `iss` is another tenant's than its
 * `tid`, or that has no `tid`, is refused. Personal accounts (`consumers`) are the tenant
 * `9188040d-6c67-4c5b-b112-36a304b66dad`, and a tenant id gives one exact issuer (no template).
 * A tenant domain (`contoso.onmicrosoft.com`) is checked by the template too, as its id is not
 * known before discovery: discover it (or give the tenant's id, or its issuer as `issuer`) to
 * pin the client to that tenant. Anything else is no tenant: a `TypeError`.
 *
 * `profile()` reads Microsoft Graph's OpenID Connect userinfo
 * (https://learn.microsoft.com/en-us/entra/identity-platform/userinfo), whose `sub` is the ID
 * token's; Entra ID does not say whether an email address was verified.
 *
 * @module
 */
import { isAliasIssuer } from "../oauth2/_tenant_issuers.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";

/** Options of {@linkcode microsoft}. */
export interface MicrosoftOptions extends PresetOptions {
  /**
   * Who may sign in: `common` (the default: work, school and personal accounts),
   * `organizations` (work and school), `consumers` (personal), or one tenant's id (a GUID) or
   * domain (`contoso.onmicrosoft.com`).
   */
  tenant?: string;
}

const LOGIN = "https://login.microsoftonline.com";
/** The tenant of personal Microsoft accounts ("Validate the issuer"). */
export const MICROSOFT_CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISSUER_TEMPLATE = `${LOGIN}/{tenantid}/v2.0`;

/**
 * Options for the Microsoft identity platform: `new OAuth2Client(microsoft({ … }))`,
 * `OAuth2Client.discover(preset.issuer!, preset)` or `registry.register("microsoft", …)`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { microsoft } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = microsoft({ clientId: "00000000-0000-0000-0000-000000000001", tenant: "organizations" });
 * assert.equal(preset.tokenEndpoint, "https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
 * assert.equal(preset.issuerTemplate, "https://login.microsoftonline.com/{tenantid}/v2.0");
 * const { url } = await new OAuth2Client({ ...preset, redirectUri: "https://app.example/cb" }).authorizationUrl();
 * assert.equal(url.searchParams.get("scope"), "openid profile email");
 * ```
 */
export function microsoft(options: MicrosoftOptions): OAuth2Preset {
  const { tenant = "common", ...rest } = options;
  const base = `${LOGIN}/${tenant}`;
  const tenantId = typeof tenant !== "string"
    ? undefined
    : tenant.toLowerCase() === "consumers"
    ? MICROSOFT_CONSUMERS_TENANT_ID
    : TENANT_ID.test(tenant)
    ? tenant.toLowerCase()
    : undefined;
  // Not one tenant: common, organizations or a domain, which the template stands for.
  if (
    typeof tenant !== "string" ||
    (tenantId === undefined && !isAliasIssuer(ISSUER_TEMPLATE, `${base}/v2.0`))
  ) {
    throw new TypeError(
      "microsoft() tenant must be common, organizations, consumers, a tenant id or a tenant domain",
    );
  }
  const tokenEndpoint = `${base}/oauth2/v2.0/token`;
  return {
    // Where the metadata is, and for one tenant its issuer exactly.
    issuer: tenantId === undefined ? `${base}/v2.0` : `${LOGIN}/${tenantId}/v2.0`,
    ...(tenantId === undefined ? { issuerTemplate: ISSUER_TEMPLATE } : {}),
    authorizationEndpoint: `${base}/oauth2/v2.0/authorize`,
    tokenEndpoint,
    deviceAuthorizationEndpoint: `${base}/oauth2/v2.0/devicecode`,
    endSessionEndpoint: `${base}/oauth2/v2.0/logout`,
    jwksUri: `${base}/discovery/v2.0/keys`,
    userinfoEndpoint: "https://graph.microsoft.com/oidc/userinfo",
    // Certificate credentials name the token endpoint as their audience
    // (https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials).
    clientAssertionAudience: tokenEndpoint,
    scope: "openid profile email",
    pkce: "S256",
    ...defined(rest),
  };
}
