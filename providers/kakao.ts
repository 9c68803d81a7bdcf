/**
 * Kakao Login as an OpenID Connect provider (issuer `https://kauth.kakao.com`). The client
 * secret, when the app turned it on, goes in the body; scopes are consent items
 * (`profile_nickname`, `account_email`, …); a refresh answers a new refresh token only when the
 * old one nears its end. Kakao Developers, "Kakao Login REST API"
 * (https://developers.kakao.com/docs/latest/en/kakaologin/rest-api) and "OpenID Connect".
 *
 * @module
 */
import { profileFromClaims, type ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

// Kakao's userinfo names the user `nickname`, not `name`.
const readUser: ProfileReader = async ({ userinfo }) => {
  const claims = await userinfo();
  const profile = profileFromClaims(claims);
  return profile.name === undefined && typeof claims.nickname === "string" && claims.nickname
    ? { ...profile, name: claims.nickname }
    : profile;
};

/**
 * Kakao: OpenID Connect, `client_secret_post` (or no secret, when the app has none), PKCE;
 * default scope `openid profile_nickname profile_image`. The profile comes from userinfo.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { kakao } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(kakao({ clientId: "restapikey", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://kauth.kakao.com/oauth/authorize");
 * assert.equal(url.searchParams.get("scope"), "openid profile_nickname profile_image");
 * ```
 */
export function kakao(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://kauth.kakao.com",
    authorizationEndpoint: "https://kauth.kakao.com/oauth/authorize",
    tokenEndpoint: "https://kauth.kakao.com/oauth/token",
    userinfoEndpoint: "https://kapi.kakao.com/v1/oidc/userinfo",
    jwksUri: "https://kauth.kakao.com/.well-known/jwks.json",
    scope: ["openid", "profile_nickname", "profile_image"],
    clientAuthentication: clientAuthentication(options.clientSecret, "client_secret_post", "kakao"),
    profile: readUser,
    ...defined(options),
  };
}
