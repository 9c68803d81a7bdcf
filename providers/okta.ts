/**
 * Okta: OpenID Connect at the org's domain, through a custom authorization server (`default`
 * unless named) or the org authorization server. Okta Developer, "OpenID Connect & OAuth 2.0
 * API" (https://developer.okta.com/docs/api/openapi/okta-oauth/guides/overview/) and
 * "Authorization servers" (https://developer.okta.com/docs/concepts/auth-servers/).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, hostOption, segmentOption } from "./_options.ts";

/** Options of {@linkcode okta}. */
export interface OktaOptions extends PresetOptions {
  /** The org's domain, such as `dev-123456.okta.com` or a custom domain. */
  domain: string;
  /**
   * The custom authorization server's id; default `default`. `null` uses the org
   * authorization server (issuer `https://<domain>`), whose tokens are for Okta's own APIs.
   */
  authorizationServerId?: string | null;
}

/**
 * Okta: OpenID Connect with the authorization server's endpoints (authorize, token, revoke,
 * introspect, userinfo, keys, device authorization, logout), PKCE, `client_secret_basic` (or a
 * public client); default scope `openid profile email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { okta } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = okta({ clientId: "0oa1", clientSecret: "secret", domain: "dev-123456.okta.com" });
 * assert.equal(preset.issuer, "https://dev-123456.okta.com/oauth2/default");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://dev-123456.okta.com/oauth2/default/v1/authorize");
 * ```
 */
export function okta(options: OktaOptions): OAuth2Preset {
  const { domain, authorizationServerId = "default", ...rest } = options;
  const host = `https://${hostOption(domain, "domain", "okta")}`;
  const server = authorizationServerId === null
    ? undefined
    : segmentOption(authorizationServerId, "authorizationServerId", "okta");
  const issuer = server === undefined ? host : `${host}/oauth2/${server}`;
  const base = server === undefined ? `${host}/oauth2/v1` : `${issuer}/v1`;
  return {
    issuer,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    revocationEndpoint: `${base}/revoke`,
    introspectionEndpoint: `${base}/introspect`,
    userinfoEndpoint: `${base}/userinfo`,
    jwksUri: `${base}/keys`,
    deviceAuthorizationEndpoint: `${base}/device/authorize`,
    endSessionEndpoint: `${base}/logout`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_basic", "okta"),
    ...defined(rest),
  };
}
