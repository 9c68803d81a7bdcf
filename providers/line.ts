/**
 * LINE Login v2.1 as an OpenID Connect provider (issuer `https://access.line.me`). The channel
 * secret goes in the body; a web login's ID token is signed with HS256 unless the token request
 * asks for a JWK-signed one (`id_token_key_type=JWK`, the `line` hook), which the client checks
 * against LINE's keys; the email address is only in the ID token, not in userinfo. LINE
 * Developers, "Integrating LINE Login with your web app"
 * (https://developers.line.biz/en/docs/line-login/integrate-line-login/) and "LINE Login v2.1
 * API reference" (https://developers.line.biz/en/reference/line-login/).
 *
 * @module
 */
import { line as lineHooks } from "../hooks/mod.ts";
import { profileFromClaims, type ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

const readUser: ProfileReader = async ({ userinfo, idTokenClaims }) => {
  const profile = profileFromClaims(await userinfo());
  const email = idTokenClaims?.email;
  return typeof email === "string" && email !== "" && profile.email === undefined
    ? { ...profile, email }
    : profile;
};

/**
 * LINE Login: OpenID Connect, `client_secret_post`, PKCE, the `line` fix; default scope `openid
 * profile email`. The profile comes from userinfo, with the ID token's email address.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { line } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(line({ clientId: "1234567890", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl({ bot_prompt: "normal" });
 * assert.equal(url.origin + url.pathname, "https://access.line.me/oauth2/v2.1/authorize");
 * ```
 */
export function line(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://access.line.me",
    authorizationEndpoint: "https://access.line.me/oauth2/v2.1/authorize",
    tokenEndpoint: "https://api.line.me/oauth2/v2.1/token",
    userinfoEndpoint: "https://api.line.me/oauth2/v2.1/userinfo",
    jwksUri: "https://api.line.me/oauth2/v2.1/certs",
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "line",
      true,
    ),
    hooks: lineHooks,
    profile: readUser,
    ...defined(options),
  };
}
