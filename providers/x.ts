/**
 * X (formerly Twitter) OAuth 2.0: the authorization code flow with PKCE, which X requires;
 * confidential clients authenticate with HTTP Basic, public ones send their `client_id`; a
 * refresh token comes only with the `offline.access` scope. X Developer Platform, "OAuth 2.0
 * Authorization Code Flow with PKCE"
 * (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code) and "GET
 * /2/users/me" (https://docs.x.com/x-api/users/user-lookup-me).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson(
    "https://api.x.com/2/users/me?user.fields=profile_image_url,confirmed_email",
  );
  const user = objectAt(answer.data);
  return profileOf(answer, {
    id: user.id,
    email: user.confirmed_email,
    name: user.name,
    picture: user.profile_image_url,
  });
};

/**
 * X OAuth 2.0: PKCE (S256), `client_secret_basic` for confidential clients, revocation; default
 * scope `users.read tweet.read offline.access`. The profile comes from `GET /2/users/me` (with
 * the confirmed email when the `users.email` scope was granted).
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { x } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(x({ clientId: "app", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://x.com/i/oauth2/authorize");
 * assert.equal(url.searchParams.get("code_challenge_method"), "S256");
 * ```
 */
export function x(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://x.com/i/oauth2/authorize",
    tokenEndpoint: "https://api.x.com/2/oauth2/token",
    revocationEndpoint: "https://api.x.com/2/oauth2/revoke",
    scope: ["users.read", "tweet.read", "offline.access"],
    clientAuthentication: clientAuthentication(options.clientSecret, "client_secret_basic", "x"),
    pkce: "S256",
    profile: readUser,
    ...defined(options),
  };
}

/**
 * The same preset as {@linkcode x}, under X's former name.
 *
 * @example
 * ```ts
 * import { twitter, x } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * assert.equal(twitter, x);
 * assert.equal(twitter({ clientId: "app" }).tokenEndpoint, "https://api.x.com/2/oauth2/token");
 * ```
 */
export const twitter: (options: PresetOptions) => OAuth2Preset = x;
