/**
 * Dropbox: the authorization code flow with PKCE; a refresh token only with
 * `token_access_type=offline`, and refreshes that keep it. Dropbox for Developers, "OAuth Guide"
 * (https://developers.dropbox.com/oauth-guide), the `/oauth2/authorize` and `/oauth2/token`
 * reference (https://www.dropbox.com/developers/documentation/http/documentation#oauth2-authorize)
 * and `users/get_current_account`.
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

// An RPC endpoint without arguments: a POST without a body.
const readUser: ProfileReader = async ({ getJson }) => {
  const account = await getJson("https://api.dropboxapi.com/2/users/get_current_account", {
    method: "POST",
  });
  return profileOf(account, {
    id: account.account_id,
    email: account.email,
    emailVerified: account.email_verified,
    name: objectAt(account.name).display_name,
    picture: account.profile_photo_url,
  });
};

/**
 * Dropbox: PKCE, `client_secret_basic` (or a public client), `token_access_type=offline` for a
 * refresh token; default scope `account_info.read`. The profile comes from
 * `users/get_current_account`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { dropbox } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(dropbox({ clientId: "appkey", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("token_access_type"), "offline");
 * ```
 */
export function dropbox(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.dropbox.com/oauth2/authorize",
    tokenEndpoint: "https://api.dropboxapi.com/oauth2/token",
    scope: "account_info.read",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "dropbox",
    ),
    authorizationParams: { token_access_type: "offline" },
    profile: readUser,
    ...defined(options),
  };
}
