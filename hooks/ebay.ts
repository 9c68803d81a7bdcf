/**
 * eBay's token responses say `"token_type": "User Access Token"` (or `"Application Access
 * Token"`) although the tokens are Bearer tokens (eBay developer documentation, "Getting user
 * access tokens"; requests-oauthlib's later `ebay_compliance_fix`).
 *
 * @module
 */
import { rewriteSuccessJson } from "./_rewrite.ts";
import type { Hooks, ResponseHook } from "../_hooks.ts";

const EBAY_TYPES = new Set(["user access token", "application access token"]);

const bearerType: ResponseHook = (response) =>
  rewriteSuccessJson(
    response,
    (body) =>
      typeof body.token_type === "string" && EBAY_TYPES.has(body.token_type.toLowerCase())
        ? { ...body, token_type: "Bearer" }
        : body,
  );

/**
 * Fix for eBay: `User Access Token` and `Application Access Token` become `Bearer`, for token
 * and refresh responses.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { ebay } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.ebay.com/identity/v1/oauth2/token",
 *   hooks: ebay,
 *   fetch: () => Promise.resolve(Response.json({ access_token: "v^1.1", expires_in: 7200, token_type: "User Access Token" })),
 * });
 * assert.equal((await client.fetchToken({ grantType: "client_credentials" })).token_type, "Bearer");
 * ```
 */
export const ebay: Hooks = {
  accessTokenResponse: [bearerType],
  refreshTokenResponse: [bearerType],
};
