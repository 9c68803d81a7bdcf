/**
 * Naver Login: the client id and secret go in the token request's body; there is no scope
 * parameter (the app's settings choose the data) and no PKCE; `expires_in` comes as a string and
 * errors as HTTP 200 with an `error` member, both of which the client reads. Naver Developers,
 * "네이버 로그인 API 명세" (https://developers.naver.com/docs/login/api/api.md) and the profile API
 * (https://developers.naver.com/docs/login/profile/profile.md).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson("https://openapi.naver.com/v1/nid/me");
  const user = objectAt(answer.response);
  return profileOf(answer, {
    id: user.id,
    email: user.email,
    name: user.name ?? user.nickname,
    picture: user.profile_image,
  });
};

/**
 * Naver: `client_secret_post`, no PKCE, no default scope. The profile comes from `/v1/nid/me`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { naver } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(naver({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url, codeVerifier } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://nid.naver.com/oauth2.0/authorize");
 * assert.equal(codeVerifier, undefined);
 * ```
 */
export function naver(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://nid.naver.com/oauth2.0/authorize",
    tokenEndpoint: "https://nid.naver.com/oauth2.0/token",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "naver",
      true,
    ),
    pkce: false,
    profile: readUser,
    ...defined(options),
  };
}
