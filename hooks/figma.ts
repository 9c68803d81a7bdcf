/**
 * Figma refreshes tokens at an endpoint of its own, `/v1/oauth/refresh`, beside the token
 * endpoint `/v1/oauth/token` (Figma REST API, "OAuth apps").
 *
 * @module
 */
import { rebuild } from "../_request.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

const refreshEndpoint: RequestHook = async (request) => {
  const url = new URL(request.url);
  if (!url.pathname.endsWith("/oauth/token")) return request;
  url.pathname = url.pathname.replace(/\/oauth\/token$/, "/oauth/refresh");
  const body = request.body === null ? null : await request.clone().arrayBuffer();
  return rebuild(request, url.href, new Headers(request.headers), body);
};

/**
 * Fix for Figma: a refresh request to `…/oauth/token` goes to `…/oauth/refresh` instead.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { figma } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.figma.com/v1/oauth/token",
 *   token: { access_token: "old", token_type: "bearer", refresh_token: "r" },
 *   hooks: figma,
 *   fetch: (request) => {
 *     assert.equal(request.url, "https://api.figma.com/v1/oauth/refresh");
 *     return Promise.resolve(Response.json({ access_token: "new", token_type: "bearer", expires_in: 7776000 }));
 *   },
 * });
 * assert.equal((await client.refreshToken()).access_token, "new");
 * ```
 */
export const figma: Hooks = { refreshTokenRequest: [refreshEndpoint] };
