/**
 * Weibo's token response has no `token_type`, and its API takes the token as the
 * `access_token` query parameter (requests-oauthlib's `weibo_compliance_fix`).
 *
 * @module
 */
import { tokenInQuery } from "./_rewrite.ts";
import { bearerWhenMissing } from "./missing_token_type.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Weibo: a missing `token_type` is `Bearer`; protected requests carry the token as
 * `access_token` in the query instead of the header.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { weibo } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: weibo, token: { access_token: "2.00x", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://api.weibo.com/2/users/show.json?uid=1"));
 * assert.equal(signed.url, "https://api.weibo.com/2/users/show.json?uid=1&access_token=2.00x");
 * assert.equal(signed.headers.get("authorization"), null);
 * ```
 */
export const weibo: Hooks = {
  accessTokenResponse: [bearerWhenMissing],
  protectedRequest: [(request) => tokenInQuery(request, "access_token", true)],
};
