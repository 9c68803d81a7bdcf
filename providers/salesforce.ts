/**
 * Salesforce as an OpenID Connect provider: production orgs log in at `login.salesforce.com`,
 * sandboxes at `test.salesforce.com`, and an org with My Domain at its own host. The token
 * response carries `instance_url`, the org's API host, which stays in the token (also after a
 * refresh, whose answer repeats it); it has no `expires_in`, and a refresh keeps the refresh
 * token. Salesforce Help, "OAuth 2.0 Web Server Flow for Web App Integration"
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm) and
 * "OpenID Connect Discovery Endpoint".
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, hostOption } from "./_options.ts";

/** Options of {@linkcode salesforce}. */
export interface SalesforceOptions extends PresetOptions {
  /** Log in at `test.salesforce.com`, for a sandbox. */
  sandbox?: boolean;
  /** The org's My Domain host, such as `acme.my.salesforce.com`, instead of the login hosts. */
  domain?: string;
}

/**
 * Salesforce: OpenID Connect at the login host (production, sandbox or My Domain), PKCE,
 * `client_secret_post` (or a public client), revocation; default scope `openid profile email
 * refresh_token`. The token keeps `instance_url`; the profile comes from userinfo.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { salesforce } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(salesforce({ clientId: "3MVG9", clientSecret: "secret", redirectUri: "https://app.example/callback", sandbox: true }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://test.salesforce.com/services/oauth2/authorize");
 * ```
 */
export function salesforce(options: SalesforceOptions): OAuth2Preset {
  const { sandbox, domain, ...rest } = options;
  if (sandbox !== undefined && typeof sandbox !== "boolean") {
    throw new TypeError("salesforce() needs sandbox as a boolean");
  }
  if (sandbox && domain !== undefined) {
    throw new TypeError(
      "salesforce() takes sandbox or domain, not both: a My Domain host says which org",
    );
  }
  const base = domain !== undefined
    ? `https://${hostOption(domain, "domain", "salesforce")}`
    : sandbox
    ? "https://test.salesforce.com"
    : "https://login.salesforce.com";
  return {
    issuer: base,
    authorizationEndpoint: `${base}/services/oauth2/authorize`,
    tokenEndpoint: `${base}/services/oauth2/token`,
    revocationEndpoint: `${base}/services/oauth2/revoke`,
    userinfoEndpoint: `${base}/services/oauth2/userinfo`,
    jwksUri: `${base}/id/keys`,
    scope: ["openid", "profile", "email", "refresh_token"],
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_post",
      "salesforce",
    ),
    ...defined(rest),
  };
}
