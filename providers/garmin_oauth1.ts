/**
 * Garmin Connect with OAuth 1.0a, for the Garmin Connect Developer Program's Health, Activity
 * and Training APIs: temporary and token credentials from `connectapi.garmin.com`, the user's
 * consent at `connect.garmin.com/oauthConfirm`, HMAC-SHA1 in the `Authorization` header.
 *
 * Documentation: {@link https://developer.garmin.com/gc-developer-program/overview/} (the
 * program; its OAuth 1.0a guide, with the three URLs, is in the developer portal for members).
 *
 * Quirks: both credential requests are `POST`s without a body, every parameter in the
 * `Authorization` header (the client sends them so). The token credentials carry no user id:
 * ask the API's `user/id` endpoint. Garmin is moving the program to OAuth 2.0 with PKCE and has
 * announced the end of OAuth 1.0a for 31 December 2026; apps can exchange OAuth 1.0a tokens for
 * OAuth 2.0 ones. API calls go to `https://apis.garmin.com/wellness-api/rest/…`.
 *
 * @module
 */
import {
  type OAuth1Preset,
  oauth1Preset,
  type OAuth1PresetOptions,
  presetOptions,
} from "./_oauth1_preset.ts";

/** Options of {@linkcode garminOAuth1}. */
export type GarminOAuth1Options = OAuth1PresetOptions;

/**
 * Options for Garmin Connect OAuth 1.0a: `OAuth1Client` options with its three URLs, for
 * `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { garminOAuth1 } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = garminOAuth1({ clientKey: "consumer-key", clientSecret: "consumer-secret" });
 * assert.equal(preset.authorizeUrl, "https://connect.garmin.com/oauthConfirm");
 * ```
 *
 * @param options the consumer key and secret, and the callback
 */
export function garminOAuth1(options: GarminOAuth1Options): OAuth1Preset {
  presetOptions(options, "garminOAuth1");
  return oauth1Preset(options, {
    requestTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/request_token",
    authorizeUrl: "https://connect.garmin.com/oauthConfirm",
    accessTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/access_token",
  });
}
