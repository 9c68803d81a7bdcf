/**
 * Twitch's token endpoint lists the granted scopes as a JSON array (`"scope": ["user:read:email"]`)
 * rather than a string, and reports failures as `{"status": 400, "message": "Invalid
 * authorization code"}`, without RFC 6749 §5.2's `error` (Twitch Developers, "Getting OAuth
 * Access Tokens" and "Refreshing Access Tokens").
 *
 * @module
 */
import { rewriteJson } from "./_rewrite.ts";
import { spaceSeparatedScope } from "./_form.ts";
import type { Hooks, ResponseHook } from "../_hooks.ts";

// RFC 6749 §5.2 codes are lower case with underscores; Twitch puts the HTTP reason ("Bad
// Request") in `error`, when it sends one at all.
const RFC_ERROR = /^[a-z_]+$/;

const statusToError: ResponseHook = (response) => {
  if (response.ok) return response;
  return rewriteJson(response, (body) => {
    const { status, message } = body;
    if (typeof message !== "string" || typeof status !== "number") return body;
    if (typeof body.error === "string" && RFC_ERROR.test(body.error)) return body;
    const error = status === 401 || status === 403
      ? "invalid_client"
      : /\b(code|refresh token)\b/i.test(message)
      ? "invalid_grant"
      : "invalid_request";
    return { ...body, error, error_description: message };
  });
};

/**
 * Fix for Twitch: a `scope` array becomes the space-separated string, and an error body
 * `{ status, message }` becomes an RFC 6749 error (`invalid_grant` for a bad code or refresh
 * token, `invalid_client` for 401 and 403, else `invalid_request`) with the message as its
 * description.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { twitch } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://id.twitch.tv/oauth2/token",
 *   hooks: twitch,
 *   fetch: () => Promise.resolve(Response.json({ access_token: "a", token_type: "bearer", scope: ["user:read:email", "chat:read"] })),
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.equal(token.scope, "user:read:email chat:read");
 * ```
 */
export const twitch: Hooks = {
  accessTokenResponse: [statusToError, spaceSeparatedScope],
  refreshTokenResponse: [statusToError, spaceSeparatedScope],
};
