/**
 * VK ID (OAuth 2.1 at `id.vk.com`): a public client with PKCE; the callback's `device_id` must
 * come back in the code exchange and in every refresh, which the `vk` hook sends when the
 * client is made with that `deviceId`, beside a `state`; the `id_token` VK adds is kept as
 * `vk_id_token`; user data comes from `POST /oauth2/user_info`. VK ID documentation,
 * "Connecting VK ID without the SDK" (https://id.vk.com/about/business/go/docs/en/vkid/latest/vk-id/connection/start-integration/auth-without-sdk/auth-without-sdk-web)
 * and "API description".
 *
 * @module
 */
import { vk as vkHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { objectAt, profileOf } from "./_profile.ts";

/** Options of {@linkcode vk}. */
export interface VkPresetOptions extends Omit<PresetOptions, "clientSecret"> {
  /**
   * The `device_id` VK sent with the callback: give it to the client that redeems the code and
   * to every client that refreshes its tokens.
   */
  deviceId?: string;
  /** VK ID apps have no secret at the token endpoint; PKCE protects the code. */
  clientSecret?: undefined;
}

// The `vk` hook puts the client id and the token in the form body VK wants.
const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson("https://id.vk.com/oauth2/user_info", { method: "POST" });
  const user = objectAt(answer.user);
  const name = [user.first_name, user.last_name].filter((part) => typeof part === "string" && part)
    .join(" ");
  return profileOf(answer, {
    id: user.user_id,
    email: user.email,
    name,
    picture: user.avatar,
  });
};

/**
 * VK ID: a public client with PKCE, the `vk` fix bound to the callback's `deviceId`; default
 * scope `vkid.personal_info email`. The profile comes from `/oauth2/user_info`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { vk } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const login = new OAuth2Client(vk({ clientId: "51234567", redirectUri: "https://app.example/callback" }));
 * const { url } = await login.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://id.vk.com/authorize");
 *
 * // At the callback, the client that redeems the code knows the device:
 * const callback = new URL("https://app.example/callback?code=c&state=s&device_id=d1");
 * const preset = vk({ clientId: "51234567", redirectUri: "https://app.example/callback", deviceId: callback.searchParams.get("device_id")! });
 * assert.equal(preset.clientAuthentication, "none");
 * ```
 */
export function vk(options: VkPresetOptions): OAuth2Preset {
  const { deviceId, ...rest } = options;
  if ((rest as PresetOptions).clientSecret !== undefined) {
    throw new TypeError("vk() takes no clientSecret: VK ID apps redeem codes with PKCE alone");
  }
  return {
    authorizationEndpoint: "https://id.vk.com/authorize",
    tokenEndpoint: "https://id.vk.com/oauth2/auth",
    scope: ["vkid.personal_info", "email"],
    clientAuthentication: "none",
    pkce: "S256",
    hooks: vkHooks({ clientId: rest.clientId, deviceId }),
    profile: readUser,
    ...defined(rest),
  };
}
