/**
 * Shopify's token response has no `token_type` and lists scopes with commas; its Admin API takes
 * the token in the `X-Shopify-Access-Token` header, not `Authorization` (Shopify Dev Docs,
 * "Authorization code grant").
 *
 * @module
 */
import { bearerToken } from "./_rewrite.ts";
import { spaceSeparatedScope } from "./_form.ts";
import { bearerWhenMissing } from "./missing_token_type.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

const shopifyHeader: RequestHook = (request) => {
  const token = bearerToken(request);
  if (token === undefined) return request;
  const headers = new Headers(request.headers);
  headers.delete("authorization");
  headers.set("x-shopify-access-token", token);
  return new Request(request.body === null ? request : request.clone(), { headers });
};

/**
 * Fix for Shopify: a missing `token_type` is `Bearer`, the comma-separated `scope` becomes
 * space-separated, and API requests carry the token as `X-Shopify-Access-Token`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { shopify } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: shopify, token: { access_token: "shpat_1", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://example.myshopify.com/admin/api/2025-07/shop.json"));
 * assert.equal(signed.headers.get("x-shopify-access-token"), "shpat_1");
 * assert.equal(signed.headers.get("authorization"), null);
 * ```
 */
export const shopify: Hooks = {
  accessTokenResponse: [bearerWhenMissing, spaceSeparatedScope],
  refreshTokenResponse: [bearerWhenMissing, spaceSeparatedScope],
  protectedRequest: [shopifyHeader],
};
