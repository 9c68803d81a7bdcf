/**
 * Zoom OAuth apps: HTTP Basic client authentication at the token and revocation endpoints;
 * scopes are the app's (set in the Marketplace, none needed in the URL); refresh tokens rotate.
 * Zoom Developer, "OAuth for user authorized apps"
 * (https://developers.zoom.us/docs/integrations/oauth/) and "Get a user" (`GET /v2/users/me`).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

// `verified` is 1 once the user verified their email address, 0 before.
const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://api.zoom.us/v2/users/me");
  const fullName = [user.first_name, user.last_name].filter((part) => typeof part === "string")
    .join(" ");
  return profileOf(user, {
    id: user.id,
    email: user.email,
    emailVerified: user.verified === 1 ? true : user.verified === 0 ? false : undefined,
    name: user.display_name ?? fullName,
    picture: user.pic_url,
  });
};

/**
 * Zoom: `client_secret_basic`, PKCE, revocation; no default scope (the app's). The profile
 * comes from `GET /v2/users/me`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { zoom } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(zoom({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://zoom.us/oauth/authorize");
 * assert.equal(url.searchParams.has("scope"), false);
 * ```
 */
export function zoom(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://zoom.us/oauth/authorize",
    tokenEndpoint: "https://zoom.us/oauth/token",
    revocationEndpoint: "https://zoom.us/oauth/revoke",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "zoom",
      true,
    ),
    profile: readUser,
    ...defined(options),
  };
}
