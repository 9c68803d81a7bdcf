/**
 * Keycloak: OpenID Connect per realm, issuer `<baseUrl>/realms/<realm>` (a server before
 * Keycloak 17 has `/auth` in its base URL). Keycloak Server Administration Guide, "OpenID Connect"
 * (https://www.keycloak.org/docs/latest/server_admin/#_oidc) and Securing Applications, "Keycloak
 * specific endpoints" (https://www.keycloak.org/securing-apps/oidc-layers).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { baseUrlOption, clientAuthentication, segmentOption } from "./_options.ts";

/** Options of {@linkcode keycloak}. */
export interface KeycloakOptions extends PresetOptions {
  /** The server's base URL, such as `https://sso.example.com` (or `…/auth` before Keycloak 17). */
  baseUrl: string;
  /** The realm's name. */
  realm: string;
}

/**
 * Keycloak: the realm's OpenID Connect endpoints (auth, token, revoke, introspect, userinfo,
 * certs, device authorization, logout), PKCE, `client_secret_basic` (or a public client);
 * default scope `openid profile email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { keycloak } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = keycloak({ clientId: "app", baseUrl: "https://sso.example.com", realm: "staff" });
 * assert.equal(preset.issuer, "https://sso.example.com/realms/staff");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.pathname, "/realms/staff/protocol/openid-connect/auth");
 * ```
 */
export function keycloak(options: KeycloakOptions): OAuth2Preset {
  const { baseUrl, realm, ...rest } = options;
  const issuer = `${baseUrlOption(baseUrl, "baseUrl", "keycloak")}/realms/${
    segmentOption(realm, "realm", "keycloak")
  }`;
  const base = `${issuer}/protocol/openid-connect`;
  return {
    issuer,
    authorizationEndpoint: `${base}/auth`,
    tokenEndpoint: `${base}/token`,
    revocationEndpoint: `${base}/revoke`,
    introspectionEndpoint: `${base}/token/introspect`,
    userinfoEndpoint: `${base}/userinfo`,
    jwksUri: `${base}/certs`,
    deviceAuthorizationEndpoint: `${base}/auth/device`,
    endSessionEndpoint: `${base}/logout`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_basic",
      "keycloak",
    ),
    ...defined(rest),
  };
}
