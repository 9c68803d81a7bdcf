/**
 * authentik: OpenID Connect per application. The endpoints are shared by every application of
 * the server (`<baseUrl>/application/o/token/`, with their trailing slashes), while the issuer,
 * the JWK Set and logout are the application's (`<baseUrl>/application/o/<slug>/`, the issuer
 * ending with a slash). authentik Docs, "OAuth2 Provider"
 * (https://docs.goauthentik.io/add-secure-apps/providers/oauth2/).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { baseUrlOption, clientAuthentication, segmentOption } from "./_options.ts";

/** Options of {@linkcode authentik}. */
export interface AuthentikOptions extends PresetOptions {
  /** The server's base URL, such as `https://authentik.example.com`. */
  baseUrl: string;
  /** The application's slug. */
  slug: string;
}

/**
 * authentik: the server's endpoints (authorize, token, revoke, introspect, userinfo, device),
 * the application's issuer, keys and end session, PKCE, `client_secret_basic` (or a public
 * client); default scope `openid profile email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { authentik } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = authentik({ clientId: "app", baseUrl: "https://authentik.example.com", slug: "wiki" });
 * assert.equal(preset.issuer, "https://authentik.example.com/application/o/wiki/");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.pathname, "/application/o/authorize/");
 * ```
 */
export function authentik(options: AuthentikOptions): OAuth2Preset {
  const { baseUrl, slug, ...rest } = options;
  const base = `${baseUrlOption(baseUrl, "baseUrl", "authentik")}/application/o`;
  const issuer = `${base}/${segmentOption(slug, "slug", "authentik")}/`;
  return {
    issuer,
    authorizationEndpoint: `${base}/authorize/`,
    tokenEndpoint: `${base}/token/`,
    revocationEndpoint: `${base}/revoke/`,
    introspectionEndpoint: `${base}/introspect/`,
    userinfoEndpoint: `${base}/userinfo/`,
    deviceAuthorizationEndpoint: `${base}/device/`,
    jwksUri: `${issuer}jwks/`,
    endSessionEndpoint: `${issuer}end-session/`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_basic",
      "authentik",
    ),
    ...defined(rest),
  };
}
