/**
 * Auth0: OpenID Connect at the tenant's domain. Its issuer ends with a slash
 * (`https://<domain>/`), and ID tokens carry it so; an access token for your own API needs its
 * `audience` in the authorization URL; a regular web application authenticates with the secret
 * in the body by default. Auth0 Docs, "Authentication API"
 * (https://auth0.com/docs/api/authentication) and "Call Your API Using the Authorization Code
 * Flow with PKCE".
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, hostOption } from "./_options.ts";

/** Options of {@linkcode auth0}. */
export interface Auth0Options extends PresetOptions {
  /** The tenant's domain, such as `example.us.auth0.com`, or its custom domain. */
  domain: string;
  /** The API identifier access tokens are for (the `audience` parameter). */
  audience?: string;
}

/**
 * Auth0: OpenID Connect (issuer `https://<domain>/`), PKCE, `client_secret_post` (or a public
 * client), revocation, device authorization and logout; default scope `openid profile email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { auth0 } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = auth0({ clientId: "app", domain: "example.us.auth0.com", audience: "https://api.example.com" });
 * assert.equal(preset.issuer, "https://example.us.auth0.com/");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.searchParams.get("audience"), "https://api.example.com");
 * ```
 */
export function auth0(options: Auth0Options): OAuth2Preset {
  const { domain, audience, ...rest } = options;
  const base = `https://${hostOption(domain, "domain", "auth0")}`;
  if (audience !== undefined && (typeof audience !== "string" || audience === "")) {
    throw new TypeError("auth0() needs audience as the API identifier, a non-empty string");
  }
  return {
    issuer: `${base}/`,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/oauth/token`,
    revocationEndpoint: `${base}/oauth/revoke`,
    userinfoEndpoint: `${base}/userinfo`,
    jwksUri: `${base}/.well-known/jwks.json`,
    deviceAuthorizationEndpoint: `${base}/oauth/device/code`,
    endSessionEndpoint: `${base}/oidc/logout`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_post", "auth0"),
    ...(audience === undefined ? {} : { authorizationParams: { audience } }),
    ...defined(rest),
  };
}
