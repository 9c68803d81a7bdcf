/**
 * Coinbase App OAuth2: the client secret goes in the body; scopes are separated by commas;
 * refresh tokens are spent once and replaced. Coinbase Developer Documentation, "OAuth2
 * Integration" (https://docs.cdp.coinbase.com/coinbase-app/oauth2-integration/overview), its
 * "Scopes" and "Show current user" (`GET /v2/user`).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, commaScope } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson("https://api.coinbase.com/v2/user");
  const user = objectAt(answer.data);
  return profileOf(answer, {
    id: user.id,
    email: user.email,
    name: user.name,
    picture: user.avatar_url,
  });
};

/**
 * Coinbase: `client_secret_post`, PKCE, revocation, a scope list joined with commas; default
 * scope `wallet:user:read,wallet:user:email`. The profile comes from `GET /v2/user`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { coinbase } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(coinbase({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://login.coinbase.com/oauth2/auth");
 * assert.equal(url.searchParams.get("scope"), "wallet:user:read,wallet:user:email");
 * ```
 */
export function coinbase(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://login.coinbase.com/oauth2/auth",
    tokenEndpoint: "https://login.coinbase.com/oauth2/token",
    revocationEndpoint: "https://login.coinbase.com/oauth2/revoke",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "coinbase",
      true,
    ),
    profile: readUser,
    ...defined({
      ...options,
      scope: commaScope(options.scope) ?? "wallet:user:read,wallet:user:email",
    }),
  };
}
