/**
 * Yahoo's token endpoint wants `redirect_uri` in a refresh request too, the one the app
 * registered (or `oob`) (Yahoo Developer Network, "OAuth 2.0 Guide: Authorization Code Flow",
 * "Refresh an Access Token").
 *
 * @module
 */
import { editForm } from "./_form.ts";
import type { Hooks } from "../_hooks.ts";

/** Options of {@linkcode yahoo}. */
export interface YahooOptions {
  /** The app's redirect URI; `oob` when there is none. */
  redirectUri?: string;
}

/**
 * Fix for Yahoo: refresh requests carry `redirect_uri` (the given one, default `oob`) unless
 * they have one.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { yahoo } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.login.yahoo.com/oauth2/get_token",
 *   token: { access_token: "old", token_type: "bearer", refresh_token: "r" },
 *   hooks: yahoo({ redirectUri: "https://app.example/callback" }),
 *   fetch: async (request) => {
 *     assert.equal(new URLSearchParams(await request.text()).get("redirect_uri"), "https://app.example/callback");
 *     return Response.json({ access_token: "new", token_type: "bearer", expires_in: 3600 });
 *   },
 * });
 * await client.refreshToken();
 * ```
 */
export function yahoo(options: YahooOptions = {}): Hooks {
  const redirectUri = options.redirectUri ?? "oob";
  if (typeof redirectUri !== "string" || redirectUri === "") {
    throw new TypeError("yahoo() needs redirectUri as a non-empty string");
  }
  return {
    refreshTokenRequest: [(request) =>
      editForm(request, (form) => {
        if (!form.has("redirect_uri")) form.set("redirect_uri", redirectUri);
      })],
  };
}
