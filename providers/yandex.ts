/**
 * Yandex ID: the authorization code flow with PKCE at `oauth.yandex.com`; its APIs take the
 * token as `Authorization: OAuth <token>` (the `yandex` hook). Yandex ID documentation,
 * "Getting an OAuth token" (https://yandex.com/dev/id/doc/en/codes/code-url) and "Getting
 * information about the user" (https://yandex.com/dev/id/doc/en/user-information).
 *
 * @module
 */
import { yandex as yandexHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://login.yandex.ru/info?format=json");
  const avatar = typeof user.default_avatar_id === "string" && user.is_avatar_empty !== true
    ? `https://avatars.yandex.net/get-yapic/${user.default_avatar_id}/islands-200`
    : undefined;
  return profileOf(user, {
    id: user.id,
    email: user.default_email,
    name: user.real_name ?? user.display_name,
    picture: avatar,
  });
};

/**
 * Yandex: PKCE, `client_secret_basic` (or a public client), the `yandex` fix; default scope
 * `login:info login:email login:avatar`. The profile comes from `login.yandex.ru/info`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { yandex } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(yandex({ clientId: "app", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://oauth.yandex.com/authorize");
 * ```
 */
export function yandex(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://oauth.yandex.com/authorize",
    tokenEndpoint: "https://oauth.yandex.com/token",
    scope: ["login:info", "login:email", "login:avatar"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "yandex",
    ),
    hooks: yandexHooks,
    profile: readUser,
    ...defined(options),
  };
}
