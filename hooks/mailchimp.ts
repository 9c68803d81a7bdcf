/**
 * Mailchimp answers with `"expires_in": 0` for tokens that never expire, `"scope": null` and no
 * `token_type` (requests-oauthlib's `mailchimp_compliance_fix`). requests-oauthlib turns the 0 into 3600,
 * inventing an expiry after which a refresh fails (Mailchimp issues no refresh token); here the
 * member is dropped, so the token is used as long as it is valid.
 *
 * @module
 */
import { rewriteJson } from "./_rewrite.ts";
import { bearerWhenMissing } from "./missing_token_type.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Mailchimp: `expires_in: 0` and `scope: null` are dropped, and the missing
 * `token_type` is `Bearer`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { mailchimp } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://login.mailchimp.com/oauth2/token",
 *   hooks: mailchimp,
 *   fetch: () => Promise.resolve(Response.json({ access_token: "a", expires_in: 0, scope: null })),
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.deepEqual(token, { access_token: "a", token_type: "Bearer" });
 * ```
 */
export const mailchimp: Hooks = {
  accessTokenResponse: [(response) =>
    rewriteJson(response, ({ expires_in, scope, ...token }) => ({
      ...token,
      ...(expires_in === 0 ? {} : { expires_in }),
      ...(scope === null ? {} : { scope }),
    })), bearerWhenMissing],
};
