/**
 * The issuer of a multi-tenant authorization server: one template, such as Microsoft Entra ID's
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, that names each tenant's issuer with the
 * tenant's id in place of `{tenantid}`. Its ID tokens say which tenant issued them (`tid`), and
 * their `iss` must be the template for that tenant: never a check skipped, only a check per
 * tenant (Microsoft identity platform, "OpenID Connect on the Microsoft identity platform",
 * "Validate the issuer": https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc).
 *
 * @module
 */
import { parseSecureUrl } from "../_transport.ts";

/** What stands for the tenant's id in a template. */
export const TENANT_PLACEHOLDER = "{tenantid}";

// A tenant id fills one path segment: Entra ID's are GUIDs; nothing that could leave it.
const TENANT_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The `issuerTemplate` option, checked: a string holding `{tenantid}` once, which is an issuer
 * (https, no query or fragment; RFC 8414 §2) once a tenant id takes its place.
 */
export function checkIssuerTemplate(value: unknown, allowInsecure = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.split(TENANT_PLACEHOLDER).length !== 2) {
    throw new TypeError(`issuerTemplate must be a string holding ${TENANT_PLACEHOLDER} once`);
  }
  const url = parseSecureUrl(
    value.replace(TENANT_PLACEHOLDER, "tenant"),
    "issuerTemplate",
    undefined,
    allowInsecure,
  );
  if (url.search || url.hash) {
    throw new TypeError("issuerTemplate must not have a query or fragment (RFC 8414 §2)");
  }
  return value;
}

/** The issuer of tenant `tenantId`, or `undefined` when that is no tenant id. */
export function issuerOfTenant(template: string, tenantId: unknown): string | undefined {
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) return undefined;
  return template.replace(TENANT_PLACEHOLDER, tenantId);
}

/** Whether `issuer` is the template itself or one tenant's issuer by it. */
export function fitsIssuerTemplate(template: string, issuer: unknown): boolean {
  if (typeof issuer !== "string") return false;
  if (issuer === template) return true;
  const [before, after] = template.split(TENANT_PLACEHOLDER);
  if (!issuer.startsWith(before) || !issuer.endsWith(after)) return false;
  const tenantId = issuer.slice(before.length, issuer.length - after.length);
  return issuerOfTenant(template, tenantId) === issuer;
}
