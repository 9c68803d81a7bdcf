/**
 * Twitch as an OpenID Connect provider (issuer `https://id.twitch.tv/oauth2`). Twitch reads the
 * client secret from the body only, lists granted scopes as a JSON array and reports errors as
 * `{ status, message }` (the `twitch` hook fixes both), and puts claims beyond `sub` in the ID
 * token and userinfo only when the `claims` parameter asks for them. Twitch Developers, "Using
 * OIDC to get OAuth Access Tokens" (https://dev.twitch.tv/docs/authentication/getting-tokens-oidc/)
 * and "Refreshing Access Tokens" (https://dev.twitch.tv/docs/authentication/refresh-tokens/).
 *
 * @module
 */
import { twitch as twitchHooks } from "../hooks/mod.ts";
import { profileFromClaims, type ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

const CLAIMS = { email: null, email_verified: null, picture: null, preferred_username: null };

// Twitch has no `name` claim; the login name stands in.
const readUser: ProfileReader = async ({ userinfo }) => {
  const claims = await userinfo();
  const profile = profileFromClaims(claims);
  const login = claims.preferred_username;
  return profile.name === undefined && typeof login === "string" && login !== ""
    ? { ...profile, name: login }
    : profile;
};

/**
 * Twitch: OpenID Connect, `client_secret_post`, PKCE, revocation, the `twitch` fix, and a
 * `claims` parameter asking for the email, its verification, the picture and the login name in
 * the ID token and userinfo; default scope `openid user:read:email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { twitch } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(twitch({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://id.twitch.tv/oauth2/authorize");
 * assert.ok(JSON.parse(url.searchParams.get("claims")!).userinfo.email === null);
 * ```
 */
export function twitch(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://id.twitch.tv/oauth2",
    authorizationEndpoint: "https://id.twitch.tv/oauth2/authorize",
    tokenEndpoint: "https://id.twitch.tv/oauth2/token",
    revocationEndpoint: "https://id.twitch.tv/oauth2/revoke",
    userinfoEndpoint: "https://id.twitch.tv/oauth2/userinfo",
    jwksUri: "https://id.twitch.tv/oauth2/keys",
    scope: ["openid", "user:read:email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "twitch",
      true,
    ),
    authorizationParams: { claims: JSON.stringify({ id_token: CLAIMS, userinfo: CLAIMS }) },
    hooks: twitchHooks,
    profile: readUser,
    ...defined(options),
  };
}
