/**
 * Reddit: HTTP Basic client authentication at the token and revocation endpoints, even for
 * installed apps without a secret; a refresh token only with `duration=permanent`; no PKCE; and
 * a unique, descriptive `User-Agent` on every request (the `reddit` hook). Reddit's OAuth2 wiki
 * (https://github.com/reddit-archive/reddit/wiki/OAuth2), its API rules
 * (https://github.com/reddit-archive/reddit/wiki/API) and `GET /api/v1/me`
 * (https://www.reddit.com/dev/api/#GET_api_v1_me).
 *
 * @module
 */
import { reddit as redditHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { profileOf } from "./_profile.ts";

/** Options of {@linkcode reddit}. */
export interface RedditPresetOptions extends PresetOptions {
  /** A unique, descriptive User-Agent such as `web:com.example.app:v1.0 (by /u/someone)`. */
  userAgent: string;
}

// Reddit's JSON escapes `&` in URLs as it would in HTML.
const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://oauth.reddit.com/api/v1/me");
  const icon = typeof user.icon_img === "string"
    ? user.icon_img.replaceAll("&amp;", "&")
    : undefined;
  return profileOf(user, { id: user.id, name: user.name, picture: icon });
};

/**
 * Reddit: Basic client authentication (`client_id:` for installed apps), `duration=permanent`
 * for a refresh token, no PKCE, revocation, the `reddit` fix with your `userAgent`; default
 * scope `identity`. The profile comes from `GET /api/v1/me`, its icon URL unescaped.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { reddit } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(reddit({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   userAgent: "web:com.example.app:v1.0 (by /u/someone)",
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("duration"), "permanent");
 * ```
 */
export function reddit(options: RedditPresetOptions): OAuth2Preset {
  const { userAgent, ...rest } = options;
  return {
    authorizationEndpoint: "https://www.reddit.com/api/v1/authorize",
    tokenEndpoint: "https://www.reddit.com/api/v1/access_token",
    revocationEndpoint: "https://www.reddit.com/api/v1/revoke_token",
    scope: "identity",
    pkce: false,
    authorizationParams: { duration: "permanent" },
    hooks: redditHooks({ userAgent }),
    profile: readUser,
    ...defined(rest),
  };
}
