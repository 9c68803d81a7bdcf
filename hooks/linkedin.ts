/**
 * LinkedIn's legacy token response lacked `token_type`, and its v1 API took the token as the
 * `oauth2_access_token` query parameter (requests-oauthlib's `linkedin_compliance_fix`).
 *
 * @module
 */
import { tokenInQuery } from "./_rewrite.ts";
import { bearerWhenMissing } from "./missing_token_type.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for LinkedIn's legacy API: a missing `token_type` is `Bearer`; protected requests carry
 * the token as `oauth2_access_token` in the query instead of the header.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { linkedin } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: linkedin, token: { access_token: "AQV", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://api.linkedin.com/v1/people/~"));
 * assert.equal(signed.url, "https://api.linkedin.com/v1/people/~?oauth2_access_token=AQV");
 * ```
 */
export const linkedin: Hooks = {
  accessTokenResponse: [bearerWhenMissing],
  protectedRequest: [(request) => tokenInQuery(request, "oauth2_access_token", true)],
};
