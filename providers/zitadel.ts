/**
 * ZITADEL: OpenID Connect at the instance's domain (ZITADEL Cloud's `<name>.zitadel.cloud` or a
 * self-hosted one); a refresh token needs the `offline_access` scope. ZITADEL Docs, "OpenID
 * Connect Endpoints" (https://zitadel.com/docs/apis/openidoauth/endpoints).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, hostOption } from "./_options.ts";

/** Options of {@linkcode zitadel}. */
export interface ZitadelOptions extends PresetOptions {
  /** The instance's domain, such as `example-abc123.zitadel.cloud`. */
  domain: string;
}

/**
 * ZITADEL: the instance's OpenID Connect endpoints (authorize, token, revoke, introspect,
 * userinfo, keys, device authorization, end session), PKCE, `client_secret_basic` (or a public
 * client); default scope `openid profile email offline_access`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { zitadel } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = zitadel({ clientId: "app", domain: "example-abc123.zitadel.cloud" });
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://example-abc123.zitadel.cloud/oauth/v2/authorize");
 * ```
 */
export function zitadel(options: ZitadelOptions): OAuth2Preset {
  const { domain, ...rest } = options;
  const issuer = `https://${hostOption(domain, "domain", "zitadel")}`;
  return {
    issuer,
    authorizationEndpoint: `${issuer}/oauth/v2/authorize`,
    tokenEndpoint: `${issuer}/oauth/v2/token`,
    revocationEndpoint: `${issuer}/oauth/v2/revoke`,
    introspectionEndpoint: `${issuer}/oauth/v2/introspect`,
    userinfoEndpoint: `${issuer}/oidc/v1/userinfo`,
    jwksUri: `${issuer}/oauth/v2/keys`,
    deviceAuthorizationEndpoint: `${issuer}/oauth/v2/device_authorization`,
    endSessionEndpoint: `${issuer}/oidc/v1/end_session`,
    scope: ["openid", "profile", "email", "offline_access"],
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_basic", "zitadel"),
    ...defined(rest),
  };
}
