/**
 * The issuer of a multi-tenant authorization server: one template, such as Microsoft Entra ID's
 * `https://login.microsoftonline.com/{tenantid}/v2.0`, that names each tenant's issuer with the
 * tenant's id (a GUID) in place of `{tenantid}`. Its ID tokens say which tenant issued them
 * (`tid`), and their `iss` must be the template for that tenant: never a check skipped, only a
 * check per tenant (Microsoft identity platform, "OpenID Connect on the Microsoft identity
 * platform", "Validate the issuer":
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc).
 *
 * The template is in force only where no one tenant is known: with no issuer, or beside the
 * issuer of an alias (`common`, `organizations`, `consumers`) or of a tenant's domain, which
 * says where the metadata is. One tenant's issuer, given or discovered, is checked exactly
 * (OpenID Connect Core 1.0 §3.1.3.7, RFC 9207 §2.4), and metadata fetched for it must name it
 * exactly (OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3).
 *
 * Here are the checks of each ID token's and callback's issuer, which the client loads on first
 * use; what it checks when it is made (the template itself, one tenant's issuer by it, an
 * alias's) is in `_tenant_issuers.ts`, passed on from here.
 *
 * @module
 */
import { quoteReceived } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { fitsIssuerTemplate, isAliasIssuer } from "./_tenant_issuers.ts";

/**
 * The template that checks `iss`, or `undefined` when `issuer` is to be compared exactly: the
 * template is in force only without an issuer or beside an alias's (`isAliasIssuer`); any other
 * issuer given beside it, one tenant's above all, is the one issuer accepted.
 */
export function templateInForce(
  issuer: string | undefined,
  template: string | undefined,
): string | undefined {
  if (template === undefined) return undefined;
  return issuer === undefined || isAliasIssuer(template, issuer) ? template : undefined;
}

/**
 * The callback's `iss` check of a client whose template is in force (RFC 9207 §2.4: `iss` must
 * be one tenant's issuer by it), or `undefined` when its issuer is compared exactly. Kept apart
 * from `checkAuthorizationResponse`, so that the functional code flow carries none of this.
 */
export function callbackIssuerCheck(
  issuer: string | undefined,
  template: string | undefined,
): ((iss: string | null) => void) | undefined {
  const inForce = templateInForce(issuer, template);
  if (inForce === undefined) return undefined;
  // A callback without `iss` is `checkAuthorizationResponse`'s to judge (`issRequired`).
  return (iss) => {
    if (iss !== null && (iss === inForce || !fitsIssuerTemplate(inForce, iss))) {
      throw new OAuthError(
        "issuer_mismatch",
        `the callback's iss is ${quoteReceived(iss)}, expected a tenant's issuer by ${
          quoteReceived(inForce)
        } (RFC 9207 §2.4)`,
      );
    }
  };
}
