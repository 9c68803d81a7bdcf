/**
 * Discord: OAuth 2.0 with PKCE; the user is read from `GET /users/@me`, whose avatar is a hash to
 * be turned into a CDN URL. Endpoints, scopes and the avatar URL: Discord Developer Portal,
 * "OAuth2" (https://discord.com/developers/docs/topics/oauth2), "User Resource" and "Image
 * Formatting" (https://discord.com/developers/docs/reference#image-formatting).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

// https://discord.com/developers/docs/resources/user#get-current-user
const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://discord.com/api/users/@me");
  const { id, avatar } = user;
  return profileOf(user, {
    id,
    email: user.email,
    emailVerified: user.email === undefined ? undefined : user.verified,
    name: user.global_name ?? user.username,
    picture: typeof avatar === "string" && typeof id === "string"
      ? `https://cdn.discordapp.com/avatars/${id}/${avatar}.png`
      : undefined,
  });
};

/**
 * Discord: PKCE, `client_secret_basic` (or a public client), revocation at
 * `/oauth2/token/revoke`; default scope `identify email`. The profile's picture is the avatar's
 * CDN URL, and `emailVerified` Discord's `verified`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { discord } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(discord({ clientId: "1234", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl({ prompt: "none" });
 * assert.equal(url.origin + url.pathname, "https://discord.com/oauth2/authorize");
 * assert.equal(url.searchParams.get("scope"), "identify email");
 * ```
 */
export function discord(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://discord.com/oauth2/authorize",
    tokenEndpoint: "https://discord.com/api/oauth2/token",
    revocationEndpoint: "https://discord.com/api/oauth2/token/revoke",
    scope: ["identify", "email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "discord",
    ),
    profile: readUser,
    ...defined(options),
  };
}
