/**
 * Instagram's legacy API took the token as the `access_token` query parameter
 * (requests-oauthlib's `instagram_compliance_fix`).
 *
 * @module
 */
import { tokenInQuery } from "./_rewrite.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Instagram's legacy API: protected requests also carry the token as `access_token` in
 * the query, unless they have one already.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { instagram } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: instagram, token: { access_token: "IG", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://api.instagram.com/v1/users/self"));
 * assert.equal(new URL(signed.url).searchParams.get("access_token"), "IG");
 * ```
 */
export const instagram: Hooks = {
  protectedRequest: [(request) => tokenInQuery(request, "access_token", false)],
};
