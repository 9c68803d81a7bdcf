/**
 * GitHub's OAuth apps answer the token request in form encoding unless asked for JSON, list the
 * granted scopes comma-separated, and report errors such as `bad_verification_code` with
 * HTTP 200 (GitHub Docs, "Authorizing OAuth apps").
 *
 * @module
 */
import { withHeader } from "../_request.ts";
import { rewriteSuccessJson } from "./_rewrite.ts";
import type { Hooks, RequestHook, ResponseHook } from "../_hooks.ts";

const acceptJson: RequestHook = (request) => {
  if (request.headers.get("accept") === "application/json") return request;
  return withHeader(request, "accept", "application/json");
};

// An `error` member in a 200 body is reported as the server's error by the client itself.
const spaceSeparatedScope: ResponseHook = (response) =>
  rewriteSuccessJson(
    response,
    (body) =>
      typeof body.scope === "string"
        ? { ...body, scope: body.scope.split(",").filter(Boolean).join(" ") }
        : body,
  );

/**
 * Fix for GitHub: token requests ask for JSON; the comma-separated `scope` becomes
 * space-separated (RFC 6749 §3.3). A 200 response with `error` (e.g.
 * `bad_verification_code`) is an `OAuthResponseError` — the client's own rule.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { github } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://github.com/login/oauth/access_token",
 *   hooks: github,
 *   fetch: () => Promise.resolve(Response.json({ access_token: "gho_1", token_type: "bearer", scope: "repo,gist" })),
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.equal(token.scope, "repo gist");
 * ```
 */
export const github: Hooks = {
  accessTokenRequest: [acceptJson],
  refreshTokenRequest: [acceptJson],
  accessTokenResponse: [spaceSeparatedScope],
  refreshTokenResponse: [spaceSeparatedScope],
};
