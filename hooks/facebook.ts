/**
 * Facebook's Graph API once answered the token request with a plain-text, form-encoded body
 * and `expires` instead of `expires_in`, without `token_type` (requests-oauthlib's
 * `facebook_compliance_fix`). This turns such a body into the JSON token of RFC 6749 §5.1.
 *
 * @module
 */
import { formToJson } from "./_rewrite.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Facebook: a form-encoded or plain-text token body becomes JSON, `expires` gives
 * `expires_in` (and stays, as requests-oauthlib keeps it), and `token_type` is `Bearer`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { facebook } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://graph.facebook.com/oauth/access_token",
 *   hooks: facebook,
 *   fetch: () => Promise.resolve(new Response("access_token=EAAG&expires=5183999", { headers: { "content-type": "text/plain" } })),
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.equal(token.expires_in, 5183999);
 * assert.equal(token.token_type, "Bearer");
 * ```
 */
export const facebook: Hooks = {
  accessTokenResponse: [(response) =>
    formToJson(response, (token) => ({
      ...token,
      ...(token.expires === undefined ? {} : { expires_in: token.expires }),
      token_type: "Bearer",
    }))],
};
