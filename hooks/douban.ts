/**
 * Douban's token response may lack `token_type`, and its API takes the token as the
 * `access_token` query parameter. requests-oauthlib's `douban_compliance_fix` means to move the
 * token to the query but sets a misspelt attribute (`_client_default_token_placement`), so its
 * placement never changes; this fix does both.
 *
 * @module
 */
import { tokenInQuery } from "./_rewrite.ts";
import { bearerWhenMissing } from "./missing_token_type.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Douban: a missing `token_type` is `Bearer`; protected requests carry the token as
 * `access_token` in the query instead of the header.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { douban } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: douban, token: { access_token: "t", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://api.douban.com/v2/user/~me"));
 * assert.equal(new URL(signed.url).searchParams.get("access_token"), "t");
 * ```
 */
export const douban: Hooks = {
  accessTokenResponse: [bearerWhenMissing],
  protectedRequest: [(request) => tokenInQuery(request, "access_token", true)],
};
