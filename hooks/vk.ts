/**
 * VK ID (OAuth 2.1 at id.vk.com) binds tokens to the user's device: the `device_id` it sends
 * with the callback must come back in the code exchange and in every refresh, each with a
 * `state`; its token response carries an `id_token` that VK publishes no issuer or keys for; and
 * its user methods take the access token and client id in a form body (VK ID documentation,
 * "Connecting VK ID without the SDK": `/oauth2/auth`, `/oauth2/user_info`).
 *
 * @module
 */
import { randomBase64url } from "../_random.ts";
import { mediaType } from "../_encoding.ts";
import { bearerToken, rewriteSuccessJson } from "./_rewrite.ts";
import { editForm } from "./_form.ts";
import type { Hooks, RequestHook, ResponseHook } from "../_hooks.ts";

/** Options of {@linkcode vk}. */
export interface VkOptions {
  /** The app's id, which VK's user methods want in the body. */
  clientId: string;
  /** The `device_id` of the callback that gave the code (VK sends it next to `code`). */
  deviceId?: string;
}

// VK ID's own id_token is not one the client can check; it stays in the token under this name.
const idTokenAside: ResponseHook = (response) =>
  rewriteSuccessJson(response, (body) => {
    if (body.id_token === undefined) return body;
    const { id_token: idToken, ...rest } = body;
    return { ...rest, vk_id_token: idToken };
  });

function userMethodBody(clientId: string): RequestHook {
  return async (request) => {
    const url = new URL(request.url);
    const token = bearerToken(request);
    if (url.host !== "id.vk.com" || !url.pathname.startsWith("/oauth2/") || token === undefined) {
      return request;
    }
    const type = mediaType(request.headers.get("content-type"));
    const form = new URLSearchParams(
      request.body !== null && type === "application/x-www-form-urlencoded"
        ? await request.clone().text()
        : "",
    );
    if (!form.has("client_id")) form.set("client_id", clientId);
    form.set("access_token", token);
    const headers = new Headers(request.headers);
    headers.delete("authorization");
    headers.set("content-type", "application/x-www-form-urlencoded");
    return new Request(request.url, {
      method: "POST",
      headers,
      body: form.toString(),
      redirect: request.redirect,
      signal: request.signal,
    });
  };
}

/**
 * Fix for VK ID: token and refresh requests carry `device_id` (when given) and a random
 * `state` (when they have none); the response's `id_token` is kept as `vk_id_token`, so the
 * client does not take it for an OpenID Connect ID token; requests to `id.vk.com/oauth2/…`
 * (`user_info`) are POSTs with `client_id` and `access_token` in the form body.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { vk } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "51234567",
 *   tokenEndpoint: "https://id.vk.com/oauth2/auth",
 *   hooks: vk({ clientId: "51234567", deviceId: "device-1" }),
 *   fetch: async (request) => {
 *     const form = new URLSearchParams(await request.text());
 *     assert.equal(form.get("device_id"), "device-1");
 *     assert.ok(form.get("state")!.length >= 32);
 *     return Response.json({ access_token: "vk2.a.1", token_type: "Bearer", user_id: 1, id_token: "eyJ.x.y" });
 *   },
 * });
 * const token = await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
 * assert.equal(token.vk_id_token, "eyJ.x.y");
 * assert.equal(token.id_token, undefined);
 * ```
 */
export function vk(options: VkOptions): Hooks {
  const { clientId, deviceId } = options ?? {};
  if (typeof clientId !== "string" || clientId === "") {
    throw new TypeError("vk() needs the clientId");
  }
  if (deviceId !== undefined && (typeof deviceId !== "string" || deviceId === "")) {
    throw new TypeError("vk() needs deviceId as the device_id of the callback");
  }
  const deviceAndState: RequestHook = (request) =>
    editForm(request, (form) => {
      if (deviceId !== undefined && !form.has("device_id")) form.set("device_id", deviceId);
      if (!form.has("state")) form.set("state", randomBase64url(32));
    });
  return {
    accessTokenRequest: [deviceAndState],
    refreshTokenRequest: [deviceAndState],
    accessTokenResponse: [idTokenAside],
    refreshTokenResponse: [idTokenAside],
    protectedRequest: [userMethodBody(clientId)],
  };
}
