/**
 * Strava: the client id and secret go in the token request's body (the `strava` hook moves
 * them there), scopes are separated by commas, there is no PKCE, the token response names the
 * `athlete` (and its own `expires_at`), and refresh tokens rotate. Strava Developers,
 * "Authentication" (https://developers.strava.com/docs/authentication/) and "Get Authenticated
 * Athlete" (https://developers.strava.com/docs/reference/#api-Athletes-getLoggedInAthlete).
 *
 * @module
 */
import { strava as stravaHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, commaScope } from "./_options.ts";
import { profileOf } from "./_profile.ts";

// Strava shares no email address through its API.
const readUser: ProfileReader = async ({ getJson }) => {
  const athlete = await getJson("https://www.strava.com/api/v3/athlete");
  const name = [athlete.firstname, athlete.lastname].filter((part) => typeof part === "string")
    .join(" ");
  return profileOf(athlete, { id: athlete.id, name, picture: athlete.profile });
};

/**
 * Strava: the `strava` fix (credentials in the body), no PKCE, `approval_prompt=auto`, a scope
 * list joined with commas; default scope `read`. The profile comes from `GET /athlete`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { strava } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(strava({
 *   clientId: "12345",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   scope: ["read", "activity:read_all"],
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("scope"), "read,activity:read_all");
 * ```
 */
export function strava(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://www.strava.com/oauth/authorize",
    tokenEndpoint: "https://www.strava.com/oauth/token",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "strava",
      true,
    ),
    pkce: false,
    authorizationParams: { approval_prompt: "auto" },
    hooks: stravaHooks,
    profile: readUser,
    ...defined({ ...options, scope: commaScope(options.scope) ?? "read" }),
  };
}
