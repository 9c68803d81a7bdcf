/**
 * X (Twitter) with OAuth 1.0a, for the v1.1 API and the endpoints of the X API that still take
 * user context signed with OAuth 1.0a: the 3-legged flow at `api.twitter.com/oauth/…`
 * (HMAC-SHA1, parameters in the `Authorization` header).
 *
 * Documentation: {@link https://developer.x.com/en/docs/authentication/oauth-1-0a/obtaining-user-access-tokens}
 * (the flow), and the reference pages of
 * {@link https://developer.x.com/en/docs/authentication/api-reference/request_token | POST oauth/request_token}
 * (`x_auth_access_type`),
 * {@link https://developer.x.com/en/docs/authentication/api-reference/authorize | GET oauth/authorize},
 * {@link https://developer.x.com/en/docs/authentication/api-reference/authenticate | GET oauth/authenticate}
 * (`force_login`, `screen_name`) and
 * {@link https://developer.x.com/en/docs/authentication/api-reference/access_token | POST oauth/access_token}.
 *
 * Quirks: every callback URL must be registered in the app's settings; `oauth/authenticate`
 * skips the approval page for a user who approved the app before, but only when "Sign in with
 * Twitter" is enabled for the app, and desktop apps must use `oauth/authorize`. The token
 * credentials come with `user_id` and `screen_name`.
 *
 * @module
 */
import {
  type OAuth1Preset,
  oauth1Preset,
  type OAuth1PresetOptions,
  oneOf,
  presetOptions,
  withQuery,
} from "./_oauth1_preset.ts";

/** Options of {@linkcode twitterOAuth1}. */
export interface TwitterOAuth1Options extends OAuth1PresetOptions {
  /**
   * Where users authorize: `"authorize"` (the default) asks every time; `"authenticate"`
   * ("Sign in with Twitter") sends a user who approved the app before straight back.
   */
  authorizeEndpoint?: "authorize" | "authenticate";
  /** Asks for less access than the app is registered for: `x_auth_access_type`. */
  accessType?: "read" | "write";
  /** Makes the user sign in again even when signed in already: `force_login=true`. */
  forceLogin?: boolean;
  /** Fills in the user name on the sign-in page: `screen_name`. */
  screenName?: string;
}

const BASE = "https://api.twitter.com/oauth";

/**
 * Options for X (Twitter) OAuth 1.0a: `OAuth1Client` options with its three URLs, for
 * `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example The flow against a stand-in for X, so that it runs offline
 * ```ts
 * import { twitterOAuth1 } from "@x/oauth/providers";
 * import { OAuth1Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const preset = twitterOAuth1({
 *   clientKey: "api-key",
 *   clientSecret: "api-key-secret",
 *   callbackUri: "https://app.example/callback",
 *   authorizeEndpoint: "authenticate",
 * });
 * const client = new OAuth1Client({
 *   ...preset,
 *   fetch: () =>
 *     Promise.resolve(new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true")),
 * });
 * await client.fetchRequestToken();
 * assert.equal(client.authorizationUrl(), "https://api.twitter.com/oauth/authenticate?oauth_token=t");
 * ```
 *
 * @param options the consumer key and secret, the callback, and X's authorization choices
 */
export function twitterOAuth1(options: TwitterOAuth1Options): OAuth1Preset {
  const { authorizeEndpoint, accessType, forceLogin, screenName } = presetOptions(
    options,
    "twitterOAuth1",
  );
  const endpoint = oneOf(authorizeEndpoint, "authorizeEndpoint", ["authorize", "authenticate"]);
  if (forceLogin !== undefined && typeof forceLogin !== "boolean") {
    throw new TypeError("forceLogin must be a boolean");
  }
  if (screenName !== undefined && (typeof screenName !== "string" || screenName === "")) {
    throw new TypeError("screenName must be a non-empty string");
  }
  return oauth1Preset(options, {
    requestTokenUrl: withQuery(`${BASE}/request_token`, {
      x_auth_access_type: oneOf(accessType, "accessType", ["read", "write"]),
    }),
    authorizeUrl: withQuery(`${BASE}/${endpoint ?? "authorize"}`, {
      force_login: forceLogin ? "true" : undefined,
      screen_name: screenName,
    }),
    accessTokenUrl: `${BASE}/access_token`,
  });
}
