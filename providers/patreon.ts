/**
 * Patreon: the client id and secret go in the token request's body; no PKCE; the identity
 * endpoint answers JSON:API and returns attributes only when `fields[user]` names them.
 * Patreon Platform, "OAuth" (https://docs.patreon.com/#oauth) and "GET /api/oauth2/v2/identity"
 * (https://docs.patreon.com/#get-api-oauth2-v2-identity).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const fields = encodeURIComponent("fields[user]");
  const answer = await getJson(
    `https://www.patreon.com/api/oauth2/v2/identity?${fields}=email,full_name,image_url,is_email_verified`,
  );
  const user = objectAt(answer.data);
  const attributes = objectAt(user.attributes);
  return profileOf(answer, {
    id: user.id,
    email: attributes.email,
    emailVerified: attributes.is_email_verified,
    name: attributes.full_name,
    picture: attributes.image_url,
  });
};

/**
 * Patreon: `client_secret_post`, no PKCE; default scope `identity identity[email]`. The
 * profile comes from the v2 identity endpoint's attributes.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { patreon } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(patreon({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.patreon.com/oauth2/authorize");
 * assert.equal(url.searchParams.get("scope"), "identity identity[email]");
 * ```
 */
export function patreon(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.patreon.com/oauth2/authorize",
    tokenEndpoint: "https://www.patreon.com/api/oauth2/token",
    scope: ["identity", "identity[email]"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "patreon",
      true,
    ),
    pkce: false,
    profile: readUser,
    ...defined(options),
  };
}
