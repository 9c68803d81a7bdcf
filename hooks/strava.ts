/**
 * Strava's token endpoint reads the client id and secret from the request's form parameters
 * (Strava developer documentation, "Authentication: Token Exchange" and "Refreshing Expired
 * Access Tokens"), not from HTTP Basic.
 *
 * @module
 */
import { decodeBase64 } from "../_encoding.ts";
import { rebuild } from "../_request.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

// Basic credentials were form-encoded before base64 (RFC 6749 §2.3.1); undo both.
function fromBasic(header: string): [string, string] | undefined {
  const bytes = header.startsWith("Basic ") ? decodeBase64(header.slice(6)) : undefined;
  if (bytes === undefined) return undefined;
  const pair = new TextDecoder().decode(bytes);
  const colon = pair.indexOf(":");
  if (colon === -1) return undefined;
  const decode = (part: string) => decodeURIComponent(part.replaceAll("+", " "));
  return [decode(pair.slice(0, colon)), decode(pair.slice(colon + 1))];
}

const credentialsInBody: RequestHook = async (request) => {
  const credentials = fromBasic(request.headers.get("authorization") ?? "");
  if (credentials === undefined) return request;
  const form = new URLSearchParams(await request.clone().text());
  form.set("client_id", credentials[0]);
  form.set("client_secret", credentials[1]);
  const headers = new Headers(request.headers);
  headers.delete("authorization");
  return rebuild(request, request.url, headers, form.toString());
};

/**
 * Fix for Strava: token and refresh requests carry `client_id` and `client_secret` in the form
 * body, whatever `clientAuthentication` says (equivalent to `client_secret_post`).
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { strava } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "12345",
 *   clientSecret: "s3cret",
 *   tokenEndpoint: "https://www.strava.com/oauth/token",
 *   hooks: strava,
 *   fetch: async (request) => {
 *     const form = new URLSearchParams(await request.text());
 *     assert.deepEqual([form.get("client_id"), form.get("client_secret")], ["12345", "s3cret"]);
 *     assert.equal(request.headers.get("authorization"), null);
 *     return Response.json({ access_token: "a", token_type: "Bearer", expires_in: 21600, refresh_token: "r" });
 *   },
 * });
 * await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * ```
 */
export const strava: Hooks = {
  accessTokenRequest: [credentialsInBody],
  refreshTokenRequest: [credentialsInBody],
};
