/**
 * Box: the client id and secret go in the body of token and revocation requests; no PKCE; scopes
 * are the app's; a refresh token is spent once and replaced. Box Developer, "OAuth 2.0 Auth"
 * (https://developer.box.com/guides/authentication/oauth2/), "Request access token" and "Get
 * current user" (https://developer.box.com/reference/get-users-me/).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://api.box.com/2.0/users/me");
  return profileOf(user, {
    id: user.id,
    email: user.login,
    name: user.name,
    picture: user.avatar_url,
  });
};

/**
 * Box: `client_secret_post`, no PKCE, revocation; no default scope (the app's). The profile
 * comes from `GET /2.0/users/me`, whose `login` is the email address.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { box } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(box({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://account.box.com/api/oauth2/authorize");
 * ```
 */
export function box(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://account.box.com/api/oauth2/authorize",
    tokenEndpoint: "https://api.box.com/oauth2/token",
    revocationEndpoint: "https://api.box.com/oauth2/revoke",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "box",
      true,
    ),
    pkce: false,
    profile: readUser,
    ...defined(options),
  };
}
