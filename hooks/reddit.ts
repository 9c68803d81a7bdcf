/**
 * Reddit wants HTTP Basic client authentication at its token and revocation endpoints even for
 * installed apps, which have no secret (client id as user, empty password), and a unique,
 * descriptive `User-Agent` on every request (Reddit's OAuth2 wiki and API rules).
 *
 * @module
 */
import { basicCredentials } from "../oauth2/client_auth.ts";
import { rebuild, withHeader } from "../_request.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

/** Options of {@linkcode reddit}. */
export interface RedditOptions {
  /** A unique, descriptive User-Agent such as `web:com.example.app:v1.0 (by /u/someone)`. */
  userAgent: string;
}

function withUserAgent(userAgent: string): RequestHook {
  return (request) => withHeader(request, "user-agent", userAgent);
}

// A client without a secret sends client_id in the body; Reddit wants it as Basic `id:`.
const basicForInstalledApps: RequestHook = async (request) => {
  if (request.headers.has("authorization")) return request;
  const form = new URLSearchParams(await request.clone().text());
  const clientId = form.get("client_id");
  if (clientId === null) return request;
  form.delete("client_id");
  const headers = new Headers(request.headers);
  headers.set("authorization", basicCredentials(clientId, ""));
  return rebuild(request, request.url, headers, form.toString());
};

/**
 * Fix for Reddit: installed apps (no secret) authenticate with Basic `client_id:` at the token
 * and revocation endpoints, and every request carries your `User-Agent`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { reddit } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "installed-app",
 *   tokenEndpoint: "https://www.reddit.com/api/v1/access_token",
 *   hooks: reddit({ userAgent: "web:com.example.app:v1.0 (by /u/someone)" }),
 *   fetch: (request) => {
 *     assert.equal(request.headers.get("authorization"), "Basic " + btoa("installed-app:"));
 *     assert.match(request.headers.get("user-agent")!, /^web:com\.example\.app/);
 *     return Promise.resolve(Response.json({ access_token: "a", token_type: "bearer" }));
 *   },
 * });
 * await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * ```
 */
export function reddit(options: RedditOptions): Hooks {
  if (typeof options?.userAgent !== "string" || options.userAgent.trim() === "") {
    throw new TypeError("reddit() needs a userAgent: Reddit refuses generic ones");
  }
  const userAgent = withUserAgent(options.userAgent);
  return {
    accessTokenRequest: [basicForInstalledApps, userAgent],
    refreshTokenRequest: [basicForInstalledApps, userAgent],
    revokeTokenRequest: [basicForInstalledApps, userAgent],
    protectedRequest: [userAgent],
  };
}
