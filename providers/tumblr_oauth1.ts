/**
 * Tumblr with OAuth 1.0a: the 3-legged flow at `www.tumblr.com/oauth/…`, HMAC-SHA1 with the
 * parameters in the `Authorization` header (the only combination Tumblr accepts). Tumblr also
 * offers OAuth 2.0; this preset is for apps that hold OAuth 1.0a credentials.
 *
 * Documentation: {@link https://www.tumblr.com/docs/en/api/v2#oauth1-authorization} (OAuth1
 * Authorization: the temporary credentials, resource owner authorization and access token
 * endpoints), from the API reference kept at {@link https://github.com/tumblr/docs}.
 *
 * Quirks: the reference lists the access token endpoint with `GET`; the preset uses `POST`, as
 * Tumblr's own client libraries do and RFC 5849 §2.3 recommends (pass
 * `{ init: { method: "GET" } }` to `fetchAccessToken` for the documented method). The
 * authorization page takes an optional `source`, returned with the callback. API calls go to
 * `https://api.tumblr.com/v2/…`, which asks every app to send a consistent `User-Agent`.
 *
 * @module
 */
import {
  type OAuth1Preset,
  oauth1Preset,
  type OAuth1PresetOptions,
  presetOptions,
  withQuery,
} from "./_oauth1_preset.ts";

/** Options of {@linkcode tumblrOAuth1}. */
export interface TumblrOAuth1Options extends OAuth1PresetOptions {
  /** Where the flow started, for the app's own use: Tumblr returns it with the callback. */
  source?: string;
}

const BASE = "https://www.tumblr.com/oauth";

/**
 * Options for Tumblr OAuth 1.0a: `OAuth1Client` options with its three URLs, for
 * `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { tumblrOAuth1 } from "@x/oauth/providers";
 * import { OAuth1Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth1Client(tumblrOAuth1({ clientKey: "key", clientSecret: "secret" }));
 * assert.equal(client.toJSON().signatureMethod, "HMAC-SHA1");
 * ```
 *
 * @param options the consumer key and secret, the callback, and an optional `source`
 */
export function tumblrOAuth1(options: TumblrOAuth1Options): OAuth1Preset {
  const { source } = presetOptions(options, "tumblrOAuth1");
  if (source !== undefined && typeof source !== "string") {
    throw new TypeError("source must be a string");
  }
  return oauth1Preset(options, {
    requestTokenUrl: `${BASE}/request_token`,
    authorizeUrl: withQuery(`${BASE}/authorize`, { source }),
    accessTokenUrl: `${BASE}/access_token`,
  });
}
