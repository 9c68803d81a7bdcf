/**
 * Yandex's APIs take the token with the `OAuth` authorization scheme, `Authorization: OAuth
 * <token>` (Yandex ID documentation, "Getting information about the user").
 *
 * @module
 */
import { withHeader } from "../_request.ts";
import { bearerToken } from "./_rewrite.ts";
import type { Hooks } from "../_hooks.ts";

/**
 * Fix for Yandex: API requests send the access token as `Authorization: OAuth <token>`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { yandex } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: yandex, token: { access_token: "y0_1", token_type: "bearer" } });
 * const signed = await client.sign(new Request("https://login.yandex.ru/info?format=json"));
 * assert.equal(signed.headers.get("authorization"), "OAuth y0_1");
 * ```
 */
export const yandex: Hooks = {
  protectedRequest: [(request) => {
    const token = bearerToken(request);
    return token === undefined ? request : withHeader(request, "authorization", `OAuth ${token}`);
  }],
};
