/**
 * What every provider preset takes and gives: the options a preset returns are plain
 * `OAuth2ClientOptions` (or `OAuth1ClientOptions` with the three OAuth 1.0a URLs), so one value
 * works in `new OAuth2Client(…)`, `OAuth2Client.discover(…)` and `registry.register(…)`.
 *
 * A preset declares how the signed-in user is read by returning the `profile` option: a
 * `ProfileReader` (`oauth2/profile.ts`), `async ({ getJson, userinfo, idTokenClaims }) =>
 * Profile`. `getJson(url)` calls the provider's API with the client's token (refreshed when
 * needed) and answers its JSON object; a non-2xx answer or a body that is not a JSON object is
 * an `OAuthError` already, so a reader only maps members: `id` (the provider's stable user id,
 * as a string), `email`, `emailVerified` (only when the provider says), `name`, `picture`, and
 * `raw` (the answer as it came). An OpenID Connect provider whose userinfo has the standard
 * claims needs no reader: without one, `client.profile()` maps `sub`, `email`,
 * `email_verified`, `name` and `picture` of `userinfo()` (or of the ID token when the client
 * has no userinfo endpoint) with `profileFromClaims`, which readers may call too. Cite the
 * documentation page of the API the reader calls next to it; `tests/providers/github_test.ts`
 * shows a reader tested against a fake API.
 *
 * @module
 */
import type { OAuth2ClientOptions } from "../oauth2/mod.ts";

/** The options every OAuth 2.0 preset takes; a preset adds its provider's own. */
export interface PresetOptions {
  /** The client id the provider issued. */
  clientId: string;
  /** The client secret, for a confidential client. */
  clientSecret?: string;
  /** The redirect URI registered with the provider. */
  redirectUri?: string;
  /** The scope to ask for, instead of the preset's default. */
  scope?: string | string[];
}

/** What an OAuth 2.0 preset returns: options for `OAuth2Client` and the registry alike. */
export type OAuth2Preset = OAuth2ClientOptions;

// Options a preset sets itself to handle its provider: a caller's own, given to the preset
// function (which its types do not allow), would silently replace them.
const PRESET_CHOICES = [
  "hooks",
  "authorizationParams",
  "profile",
  "issuer",
  "issuerTemplate",
  "jwksUri",
  "pkce",
  "nonce",
  "clientAuthentication",
];

/**
 * The caller's options without the members that are `undefined`, so that a preset's defaults
 * are not replaced by an absent value. One of the preset's own choices (`hooks`, `pkce`, …) is a
 * `TypeError`: change it on the preset's result instead, `{ ...google(…), pkce: false }`, and
 * combine hooks rather than replace them.
 */
export function defined<T extends object>(options: T): T {
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  const choice = given.find(([name]) => PRESET_CHOICES.includes(name));
  if (choice !== undefined) {
    throw new TypeError(
      `a preset takes no ${choice[0]}: set it on the preset's result ({ ...preset(…), ${
        choice[0]
      } }), combining hooks with the preset's own`,
    );
  }
  return Object.fromEntries(given) as T;
}
