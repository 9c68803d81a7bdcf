/**
 * TikTok's Login Kit names the client `client_key`, not `client_id`, in the token, refresh and
 * revocation requests, and lists scopes with commas (TikTok for Developers, "Manage User Access
 * Tokens").
 *
 * @module
 */
import { editForm, spaceSeparatedScope } from "./_form.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

const clientKey: RequestHook = (request) =>
  editForm(request, (form) => {
    const clientId = form.get("client_id");
    if (clientId === null) return;
    form.delete("client_id");
    if (!form.has("client_key")) form.set("client_key", clientId);
  });

/**
 * Fix for TikTok: `client_id` in a token, refresh or revocation request body becomes
 * `client_key`; the granted `scope` (`user.info.basic,video.list`) becomes space-separated.
 * Put the client id in the authorization URL as `client_key` too (the `tiktok` preset does).
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { tiktok } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "awkey",
 *   clientSecret: "secret",
 *   clientAuthentication: "client_secret_post",
 *   tokenEndpoint: "https://open.tiktokapis.com/v2/oauth/token/",
 *   hooks: tiktok,
 *   fetch: async (request) => {
 *     const form = new URLSearchParams(await request.text());
 *     assert.equal(form.get("client_key"), "awkey");
 *     assert.equal(form.has("client_id"), false);
 *     return Response.json({ access_token: "act.1", token_type: "Bearer", open_id: "u1", scope: "user.info.basic,video.list" });
 *   },
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.equal(token.scope, "user.info.basic video.list");
 * ```
 */
export const tiktok: Hooks = {
  accessTokenRequest: [clientKey],
  refreshTokenRequest: [clientKey],
  revokeTokenRequest: [clientKey],
  accessTokenResponse: [spaceSeparatedScope],
  refreshTokenResponse: [spaceSeparatedScope],
};
