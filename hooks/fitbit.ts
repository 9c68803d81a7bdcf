/**
 * Fitbit reports token errors as `{"errors": [{"errorType": "invalid_grant", …}]}` instead of
 * RFC 6749 §5.2's `error` member (requests-oauthlib's `fitbit_compliance_fix`).
 *
 * @module
 */
import { rewriteJson } from "./_rewrite.ts";
import type { Hooks, ResponseHook } from "../_hooks.ts";

const errorsToError: ResponseHook = (response) =>
  rewriteJson(response, (body) => {
    const [first] = Array.isArray(body.errors) ? body.errors : [];
    const type = (first as { errorType?: unknown; message?: unknown } | undefined)?.errorType;
    if (typeof type !== "string" || typeof body.error === "string") return body;
    const message = (first as { message?: unknown }).message;
    return {
      ...body,
      error: type,
      ...(typeof message === "string" ? { error_description: message } : {}),
    };
  });

/**
 * Fix for Fitbit: `errors[0].errorType` becomes the RFC 6749 `error` (and its `message` the
 * `error_description`), for token and refresh responses.
 *
 * @example
 * ```ts
 * import { OAuth2Client, OAuthResponseError } from "@x/oauth";
 * import { fitbit } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.fitbit.com/oauth2/token",
 *   hooks: fitbit,
 *   fetch: () => Promise.resolve(Response.json({ errors: [{ errorType: "invalid_grant", message: "expired" }], success: false }, { status: 400 })),
 * });
 * await assert.rejects(client.fetchToken({ grantType: "client_credentials" }), (error) =>
 *   error instanceof OAuthResponseError && error.code === "invalid_grant" && error.errorDescription === "expired");
 * ```
 */
export const fitbit: Hooks = {
  accessTokenResponse: [errorsToError],
  refreshTokenResponse: [errorsToError],
};
