/**
 * Flickr: OAuth 1.0a for the Flickr API, HMAC-SHA1 only, with the permission asked for on the
 * authorization page (`perms`).
 *
 * Documentation: {@link https://www.flickr.com/services/api/auth.oauth.html} (User
 * Authentication: the three endpoints under `www.flickr.com/services/oauth/`, signing, and
 * `perms`).
 *
 * Quirks: Flickr signs with HMAC-SHA1 only. `perms` is `read`, `write` or `delete` (each
 * includes the ones before); without it Flickr's page says it does not recognise the
 * permission set, so the preset asks for `read` unless told otherwise. The token credentials
 * come with `user_nsid`, `username` and `fullname`. API calls go to
 * `https://api.flickr.com/services/rest` with a `method` parameter.
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

/** Options of {@linkcode flickr}. */
export interface FlickrOptions extends OAuth1PresetOptions {
  /** The permission to ask for: `read` (the default), `write` or `delete`. */
  perms?: "read" | "write" | "delete";
}

const BASE = "https://www.flickr.com/services/oauth";

/**
 * Options for Flickr: `OAuth1Client` options with its three URLs and the permission asked
 * for, for `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { flickr } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = flickr({ clientKey: "key", clientSecret: "secret", perms: "write" });
 * assert.equal(preset.authorizeUrl, "https://www.flickr.com/services/oauth/authorize?perms=write");
 * assert.equal(preset.requestTokenUrl, "https://www.flickr.com/services/oauth/request_token");
 * ```
 *
 * @param options the consumer key and secret, the callback, and the permission
 */
export function flickr(options: FlickrOptions): OAuth1Preset {
  const { perms } = presetOptions(options, "flickr");
  return oauth1Preset(options, {
    requestTokenUrl: `${BASE}/request_token`,
    authorizeUrl: withQuery(`${BASE}/authorize`, {
      perms: oneOf(perms, "perms", ["read", "write", "delete"]) ?? "read",
    }),
    accessTokenUrl: `${BASE}/access_token`,
  });
}
