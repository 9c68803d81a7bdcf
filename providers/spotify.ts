/**
 * Spotify: the authorization code flow with PKCE; confidential clients authenticate with HTTP
 * Basic, public ones send their `client_id`; a refresh may keep the refresh token. Spotify for
 * Developers, "Authorization Code Flow"
 * (https://developer.spotify.com/documentation/web-api/tutorials/code-flow), "Authorization Code
 * with PKCE Flow" and "Get Current User's Profile"
 * (https://developer.spotify.com/documentation/web-api/reference/get-current-users-profile).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://api.spotify.com/v1/me");
  const images = Array.isArray(user.images) ? user.images : [];
  return profileOf(user, {
    id: user.id,
    email: user.email,
    name: user.display_name,
    picture: objectAt(images[0]).url,
  });
};

/**
 * Spotify: PKCE, `client_secret_basic` (or a public client); default scope `user-read-email
 * user-read-private`. The profile comes from `GET /v1/me` (its first image as the picture).
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { spotify } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(spotify({ clientId: "app", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl({ show_dialog: "true" });
 * assert.equal(url.origin + url.pathname, "https://accounts.spotify.com/authorize");
 * assert.equal(url.searchParams.get("scope"), "user-read-email user-read-private");
 * ```
 */
export function spotify(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://accounts.spotify.com/authorize",
    tokenEndpoint: "https://accounts.spotify.com/api/token",
    scope: ["user-read-email", "user-read-private"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "spotify",
    ),
    profile: readUser,
    ...defined(options),
  };
}
