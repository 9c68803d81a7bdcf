/**
 * GitLab (gitlab.com or a self-managed instance) as an OpenID Connect provider: the issuer is
 * the instance's base URL, which may carry a relative URL root (`https://example.com/gitlab`).
 * Endpoints and scopes: GitLab Docs, "OAuth 2.0 identity provider API"
 * (https://docs.gitlab.com/api/oauth2/) and "GitLab as an OpenID Connect identity provider"
 * (https://docs.gitlab.com/integration/openid_connect_provider/).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { baseUrlOption, clientAuthentication } from "./_options.ts";

/** Options of {@linkcode gitlab}. */
export interface GitLabOptions extends PresetOptions {
  /** The instance's base URL; default `https://gitlab.com`. */
  baseUrl?: string;
}

/**
 * GitLab: OpenID Connect with the instance as issuer, PKCE, `client_secret_basic` (or a public
 * client without a secret), revocation, userinfo; default scope `openid profile email`. The
 * profile comes from the userinfo endpoint's standard claims.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { gitlab } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(gitlab({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   baseUrl: "https://gitlab.example.com",
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://gitlab.example.com/oauth/authorize");
 * assert.equal(url.searchParams.get("scope"), "openid profile email");
 * ```
 */
export function gitlab(options: GitLabOptions): OAuth2Preset {
  const { baseUrl = "https://gitlab.com", ...rest } = options;
  const base = baseUrlOption(baseUrl, "baseUrl", "gitlab");
  return {
    issuer: base,
    authorizationEndpoint: `${base}/oauth/authorize`,
    tokenEndpoint: `${base}/oauth/token`,
    revocationEndpoint: `${base}/oauth/revoke`,
    userinfoEndpoint: `${base}/oauth/userinfo`,
    jwksUri: `${base}/oauth/discovery/keys`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_basic", "gitlab"),
    ...defined(rest),
  };
}
