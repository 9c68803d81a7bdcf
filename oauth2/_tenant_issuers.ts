/**
 * The issuers a multi-tenant server's template names: Microsoft Entra ID's
 * `https://login.microsoftonline.com/{tenantid}/v2.0` names each tenant's issuer with the
 * tenant's id (a GUID) in place of `{tenantid}`, and, with an alias (`common`, `organizations`,
 * `consumers`) or a tenant's domain there, where the metadata is (Microsoft identity platform,
 * "OpenID Connect on the Microsoft identity platform", "Validate the issuer":
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc).
 *
 * What the client checks when it is made: the `issuerTemplate` option, how it goes with the
 * `issuer` option, and which metadata issuer answers a request for an issuer. The checks of each
 * ID token and callback by the template are `issuer_template.ts`'s.
 *
 * @module
 */
import { parseSecureUrl } from "../_transport.ts";

/** What stands for the tenant's id in a template. */
export const TENANT_PLACEHOLDER = "{tenantid}";

// A tenant id is a GUID, 8-4-4-4-12 hex digits in either case ("Validate the issuer": the
// `tid` claim is "a GUID that represents the tenant"): never an alias, `_` or `-`.
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What a request URL may name instead of a tenant's id, whose metadata may then name another
// issuer by the template (Microsoft identity platform, "Find your app's OpenID configuration
// document URI": `common`, `organizations`, `consumers`, or the tenant's domain name).
const TENANT_ALIASES = new Set(["common", "organizations", "consumers"]);
const TENANT_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
// Stands for the placeholder while a template is parsed.
const SAMPLE_TENANT = "00000000-0000-0000-0000-000000000000";

/**
 * The `issuerTemplate` option, checked: a string holding `{tenantid}` once, as one whole path
 * segment (`/` before it, nothing or `/` after it), which is an issuer (https, or http on
 * loopback; no query or fragment: RFC 8414 §2) once a tenant id takes its place.
 */
export function checkIssuerTemplate(value: unknown, allowInsecure = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.split(TENANT_PLACEHOLDER).length !== 2) {
    throw new TypeError(`issuerTemplate must be a string holding ${TENANT_PLACEHOLDER} once`);
  }
  const url = parseSecureUrl(
    value.replace(TENANT_PLACEHOLDER, SAMPLE_TENANT),
    "issuerTemplate",
    undefined,
    allowInsecure,
  );
  if (url.search || url.hash) {
    throw new TypeError("issuerTemplate must not have a query or fragment (RFC 8414 §2)");
  }
  const [before, after] = value.split(TENANT_PLACEHOLDER);
  if (
    !before.endsWith("/") || !(after === "" || after.startsWith("/")) ||
    !url.pathname.split("/").includes(SAMPLE_TENANT)
  ) {
    throw new TypeError(
      `issuerTemplate must hold ${TENANT_PLACEHOLDER} as one whole segment of its path, as in https://login.microsoftonline.com/${TENANT_PLACEHOLDER}/v2.0`,
    );
  }
  return value;
}

/** The issuer of tenant `tenantId` (a GUID), or `undefined` when that is no tenant id. */
export function issuerOfTenant(template: string, tenantId: unknown): string | undefined {
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) return undefined;
  return template.replace(TENANT_PLACEHOLDER, tenantId);
}

/** What `issuer` has in the place of `{tenantid}`, or `undefined` when it is not that shape. */
function tenantSegment(template: string, issuer: unknown): string | undefined {
  if (typeof issuer !== "string") return undefined;
  const [before, after] = template.split(TENANT_PLACEHOLDER);
  if (issuer.length <= before.length + after.length) return undefined;
  if (!issuer.startsWith(before) || !issuer.endsWith(after)) return undefined;
  return issuer.slice(before.length, issuer.length - after.length);
}

/** Whether `issuer` is the template itself or one tenant's issuer by it (a GUID in place). */
export function fitsIssuerTemplate(template: string, issuer: unknown): boolean {
  if (issuer === template) return true;
  const tenantId = tenantSegment(template, issuer);
  return tenantId !== undefined && issuerOfTenant(template, tenantId) === issuer;
}

/**
 * Whether `issuer` is the template with an alias (`common`, `organizations`, `consumers`) or a
 * tenant's domain in place of `{tenantid}`: an issuer that names no one tenant, only where
 * the metadata is, whose ID tokens are then checked by the template.
 */
export function isAliasIssuer(template: string, issuer: unknown): boolean {
  const segment = tenantSegment(template, issuer);
  return segment !== undefined &&
    (TENANT_ALIASES.has(segment.toLowerCase()) || TENANT_DOMAIN.test(segment));
}

/**
 * The client's `issuer` and `issuerTemplate`, made unambiguous at construction: beside a
 * template, the issuer must be an alias's (the template then checks each token) or one
 * tenant's (it is then the one issuer accepted, and the template is dropped); anything else is
 * a `TypeError`, as neither could be meant.
 */
export function combineIssuerOptions(
  issuer: string | undefined,
  template: string | undefined,
): string | undefined {
  if (issuer === undefined || template === undefined) return template;
  if (isAliasIssuer(template, issuer)) return template;
  if (issuer !== template && fitsIssuerTemplate(template, issuer)) return undefined;
  throw new TypeError(
    `issuer ${JSON.stringify(issuer)} beside issuerTemplate ${
      JSON.stringify(template)
    } must be the template with one tenant's id, or with common, organizations, consumers or a tenant's domain in its place`,
  );
}

/**
 * Whether metadata naming `named` answers a request for `asked` (OpenID Connect Discovery 1.0
 * §4.3, RFC 8414 §3.3: the issuer must be the one asked for): exactly, or, when `asked` is an
 * alias's issuer by `template`, the template itself or one tenant's issuer by it.
 */
export function metadataIssuerFits(
  asked: string,
  named: unknown,
  template: string | undefined,
): boolean {
  if (named === asked) return true;
  return template !== undefined && isAliasIssuer(template, asked) &&
    fitsIssuerTemplate(template, named);
}
