/**
 * Figma: HTTP Basic client authentication; refreshes go to `/v1/oauth/refresh`, not the token
 * endpoint (the `figma` hook), and keep the refresh token. Figma Developer Docs, "OAuth apps"
 * (https://developers.figma.com/docs/rest-api/oauth-apps/), "Scopes" and "GET /v1/me".
 *
 * @module
 */
import { figma as figmaHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://api.figma.com/v1/me");
  return profileOf(user, {
    id: user.id,
    email: user.email,
    name: user.handle,
    picture: user.img_url,
  });
};

/**
 * Figma: `client_secret_basic`, PKCE, the `figma` fix; default scope `current_user:read`. The
 * profile comes from `GET /v1/me`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { figma } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(figma({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.figma.com/oauth");
 * ```
 */
export function figma(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.figma.com/oauth",
    tokenEndpoint: "https://api.figma.com/v1/oauth/token",
    scope: "current_user:read",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "figma",
      true,
    ),
    hooks: figmaHooks,
    profile: readUser,
    ...defined(options),
  };
}
