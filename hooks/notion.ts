/**
 * Notion's token endpoint takes a JSON body with HTTP Basic client authentication, not a form
 * (Notion API reference, "Create a token" and "Refresh a token"), and its API wants a
 * `Notion-Version` header on every request ("Versioning").
 *
 * @module
 */
import { mediaType } from "../_encoding.ts";
import { rebuild, withHeader } from "../_request.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

// The version sent when a request names none.
const NOTION_VERSION = "2022-06-28";

const jsonBody: RequestHook = async (request) => {
  if (mediaType(request.headers.get("content-type")) !== "application/x-www-form-urlencoded") {
    return request;
  }
  const form = new URLSearchParams(await request.clone().text());
  const headers = new Headers(request.headers);
  headers.set("content-type", "application/json");
  return rebuild(request, request.url, headers, JSON.stringify(Object.fromEntries(form)));
};

const notionVersion: RequestHook = (request) =>
  request.headers.has("notion-version")
    ? request
    : withHeader(request, "notion-version", NOTION_VERSION);

/**
 * Fix for Notion: token and refresh requests go as JSON (the same parameters; the Basic
 * credentials stay in the header), and API requests carry `Notion-Version: 2022-06-28` unless
 * they name a version themselves.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { notion } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.notion.com/v1/oauth/token",
 *   pkce: false,
 *   hooks: notion,
 *   fetch: async (request) => {
 *     assert.equal(request.headers.get("content-type"), "application/json");
 *     assert.equal((await request.json()).code, "c");
 *     return Response.json({ access_token: "ntn_1", token_type: "bearer", bot_id: "b1" });
 *   },
 * });
 * await client.fetchToken({ code: "c" });
 * ```
 */
export const notion: Hooks = {
  accessTokenRequest: [jsonBody],
  refreshTokenRequest: [jsonBody],
  protectedRequest: [notionVersion],
};
