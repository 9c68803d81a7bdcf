/**
 * Trello: OAuth 1.0a with HMAC-SHA1, the app's name, scope and token lifetime asked for on the
 * authorization page.
 *
 * Documentation: {@link https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/}
 * (Authorizing With Trello's REST API: the `1/authorize` parameters `name`, `scope` and
 * `expiration`, and "Using Basic OAuth" with the endpoints `trello.com/1/OAuthGetRequestToken`,
 * `OAuthAuthorizeToken` and `OAuthGetAccessToken`).
 *
 * Quirks: the consumer key is the Power-Up's API key and the consumer secret its "secret";
 * without `name` the authorization page calls the app "an unknown application"; Trello's own
 * defaults are `scope=read` and `expiration=30days`. The callback's origin must be one of the
 * API key's allowed origins. API calls go to `https://api.trello.com/1/…`.
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

/** What a Trello token may do. */
export type TrelloScope = "read" | "write" | "account";

/** How long a Trello token lasts. */
export type TrelloExpiration = "1hour" | "1day" | "30days" | "never";

/** Options of {@linkcode trello}. */
export interface TrelloOptions extends OAuth1PresetOptions {
  /** The app's name, shown to the user on the authorization page. */
  name?: string;
  /** What the token may do; Trello's default is `read`. */
  scope?: TrelloScope | TrelloScope[];
  /** How long the token lasts; Trello's default is `30days`. */
  expiration?: TrelloExpiration;
}

const BASE = "https://trello.com/1";
const SCOPES: readonly TrelloScope[] = ["read", "write", "account"];
const EXPIRATIONS: readonly TrelloExpiration[] = ["1hour", "1day", "30days", "never"];

/**
 * Options for Trello: `OAuth1Client` options with its three URLs and the authorization page's
 * parameters, for `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { trello } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = trello({
 *   clientKey: "api-key",
 *   clientSecret: "secret",
 *   name: "Board Tools",
 *   scope: ["read", "write"],
 *   expiration: "never",
 * });
 * assert.equal(
 *   preset.authorizeUrl,
 *   "https://trello.com/1/OAuthAuthorizeToken?name=Board%20Tools&scope=read%2Cwrite&expiration=never",
 * );
 * ```
 *
 * @param options the consumer key and secret, the callback, and the authorization page's
 * `name`, `scope` and `expiration`
 */
export function trello(options: TrelloOptions): OAuth1Preset {
  const { name, scope, expiration } = presetOptions(options, "trello");
  if (name !== undefined && (typeof name !== "string" || name === "")) {
    throw new TypeError("name must be a non-empty string");
  }
  const scopes = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
  if (scope !== undefined && scopes.length === 0) {
    throw new TypeError("scope must name at least one of read, write, account");
  }
  for (const each of scopes) oneOf(each, "scope", SCOPES);
  return oauth1Preset(options, {
    requestTokenUrl: `${BASE}/OAuthGetRequestToken`,
    authorizeUrl: withQuery(`${BASE}/OAuthAuthorizeToken`, {
      name,
      scope: scopes.length > 0 ? scopes.join(",") : undefined,
      expiration: oneOf(expiration, "expiration", EXPIRATIONS),
    }),
    accessTokenUrl: `${BASE}/OAuthGetAccessToken`,
  });
}
