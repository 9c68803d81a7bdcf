/**
 * Atlassian (Jira, Confluence) OAuth 2.0 (3LO) apps: every authorization URL carries
 * `audience=api.atlassian.com` and `prompt=consent`; a refresh token comes with the
 * `offline_access` scope and rotates. Atlassian Developer, "OAuth 2.0 (3LO) apps"
 * (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/) and the User Identity
 * API's `GET /me` (https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-users/).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const me = await getJson("https://api.atlassian.com/me");
  return profileOf(me, {
    id: me.account_id,
    email: me.email,
    emailVerified: me.email_verified,
    name: me.name,
    picture: me.picture,
  });
};

/**
 * Atlassian: `audience=api.atlassian.com` and `prompt=consent`, `client_secret_post`, PKCE;
 * default scope `read:me offline_access`. The profile comes from `GET /me`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { atlassian } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(atlassian({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("audience"), "api.atlassian.com");
 * assert.equal(url.searchParams.get("prompt"), "consent");
 * ```
 */
export function atlassian(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://auth.atlassian.com/authorize",
    tokenEndpoint: "https://auth.atlassian.com/oauth/token",
    scope: ["read:me", "offline_access"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "atlassian",
      true,
    ),
    authorizationParams: { audience: "api.atlassian.com", prompt: "consent" },
    profile: readUser,
    ...defined(options),
  };
}
