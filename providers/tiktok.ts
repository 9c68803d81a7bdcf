/**
 * TikTok Login Kit for Web: the client id is the `client_key`, in the authorization URL and in
 * the token, refresh and revocation requests (the `tiktok` hook renames `client_id`), with the
 * secret in the body; scopes are separated by commas; the token names the user's `open_id`.
 * TikTok for Developers, "Login Kit for Web"
 * (https://developers.tiktok.com/doc/login-kit-web/), "Manage User Access Tokens"
 * (https://developers.tiktok.com/doc/oauth-user-access-token-management/) and "Get User Info".
 *
 * @module
 */
import { tiktok as tiktokHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, commaScope } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson(
    "https://open.tiktokapis.com/v2/user/info/?fields=open_id,union_id,avatar_url,display_name",
  );
  const user = objectAt(objectAt(answer.data).user);
  return profileOf(answer, { id: user.open_id, name: user.display_name, picture: user.avatar_url });
};

/**
 * TikTok: `client_key` in the authorization URL (beside the `client_id` every URL has) and, by
 * the `tiktok` fix, in the token requests; `client_secret_post`, PKCE, revocation; a scope list
 * joined with commas; default scope `user.info.basic`. The profile comes from `/v2/user/info/`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { tiktok } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(tiktok({
 *   clientId: "awkey",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   scope: ["user.info.basic", "video.list"],
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("client_key"), "awkey");
 * assert.equal(url.searchParams.get("scope"), "user.info.basic,video.list");
 * ```
 */
export function tiktok(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.tiktok.com/v2/auth/authorize/",
    tokenEndpoint: "https://open.tiktokapis.com/v2/oauth/token/",
    revocationEndpoint: "https://open.tiktokapis.com/v2/oauth/revoke/",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "tiktok",
      true,
    ),
    authorizationParams: { client_key: options.clientId },
    hooks: tiktokHooks,
    profile: readUser,
    ...defined({ ...options, scope: commaScope(options.scope) ?? "user.info.basic" }),
  };
}
