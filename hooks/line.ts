/**
 * LINE Login signs the ID token of a web login with HS256 and the channel secret, although its
 * discovery document announces ES256 and publishes the keys; asked with `id_token_key_type=JWK`
 * at the token endpoint, as LINE's own SDKs do, it signs with ES256 and a key of its JWK Set
 * (LINE Developers, "Get profile information from ID tokens").
 *
 * @module
 */
import { editForm } from "./_form.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

const jwkSignedIdToken: RequestHook = (request) =>
  editForm(request, (form) => {
    if (!form.has("id_token_key_type")) form.set("id_token_key_type", "JWK");
  });

/**
 * Fix for LINE Login: the token request asks for an ID token signed with a key of LINE's JWK
 * Set (`id_token_key_type=JWK`), which the client can check against `jwks_uri`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { line } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "1234567890",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://api.line.me/oauth2/v2.1/token",
 *   hooks: line,
 *   fetch: async (request) => {
 *     assert.equal(new URLSearchParams(await request.text()).get("id_token_key_type"), "JWK");
 *     return Response.json({ access_token: "a", token_type: "Bearer", expires_in: 2592000 });
 *   },
 * });
 * await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * ```
 */
export const line: Hooks = { accessTokenRequest: [jwkSignedIdToken] };
