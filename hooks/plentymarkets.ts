/**
 * plentymarkets answers with camelCase members (`accessToken`, `tokenType`, `expiresIn`,
 * `refreshToken`) instead of RFC 6749's (requests-oauthlib's `plentymarkets_compliance_fix`).
 *
 * @module
 */
import { rewriteSuccessJson } from "./_rewrite.ts";
import type { Hooks } from "../_hooks.ts";

/** `accessToken` → `access_token`, `expiresIn` → `expires_in`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * Fix for plentymarkets: camelCase members of a successful token response become snake_case.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { plentymarkets } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://shop.plentymarkets-cloud01.com/rest/login",
 *   hooks: plentymarkets,
 *   fetch: () => Promise.resolve(Response.json({ tokenType: "Bearer", accessToken: "a", expiresIn: 86400, refreshToken: "r" })),
 * });
 * const token = await client.fetchToken({ grantType: "password", username: "u", password: "p" });
 * assert.equal(token.access_token, "a");
 * assert.equal(token.refresh_token, "r");
 * ```
 */
export const plentymarkets: Hooks = {
  accessTokenResponse: [
    (response) =>
      rewriteSuccessJson(
        response,
        (body) =>
          Object.fromEntries(Object.entries(body).map(([name, value]) => [snakeCase(name), value])),
      ),
  ],
};
