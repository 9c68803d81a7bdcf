/**
 * Fitbit Web API: the authorization code flow with PKCE; server apps authenticate with HTTP
 * Basic, client apps send their `client_id`; errors come as `{"errors": [{"errorType": …}]}`
 * (the `fitbit` hook); refresh tokens rotate. Fitbit Web API, "Authorization"
 * (https://dev.fitbit.com/build/reference/web-api/developer-guide/authorization/) and "Get
 * Profile" (https://dev.fitbit.com/build/reference/web-api/user/get-profile/).
 *
 * @module
 */
import { fitbit as fitbitHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson("https://api.fitbit.com/1/user/-/profile.json");
  const user = objectAt(answer.user);
  return profileOf(answer, {
    id: user.encodedId,
    name: user.displayName ?? user.fullName,
    picture: user.avatar640 ?? user.avatar,
  });
};

/**
 * Fitbit: PKCE, `client_secret_basic` (or a client app without a secret), revocation, the
 * `fitbit` fix; default scope `profile`. The profile comes from `profile.json`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { fitbit } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(fitbit({ clientId: "23ABCD", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.fitbit.com/oauth2/authorize");
 * assert.equal(url.searchParams.get("code_challenge_method"), "S256");
 * ```
 */
export function fitbit(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.fitbit.com/oauth2/authorize",
    tokenEndpoint: "https://api.fitbit.com/oauth2/token",
    revocationEndpoint: "https://api.fitbit.com/oauth2/revoke",
    scope: "profile",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "fitbit",
    ),
    hooks: fitbitHooks,
    profile: readUser,
    ...defined(options),
  };
}
