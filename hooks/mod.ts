/**
 * Compliance hooks for providers that do not follow the RFCs, and the provider fixes built on
 * them. Pass one or several to `OAuth2Client({ hooks })`; they run in order.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { compose, github, type Hooks } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const userAgent: Hooks = {
 *   protectedRequest: [(request) => {
 *     const headers = new Headers(request.headers);
 *     headers.set("user-agent", "my-app/1.0");
 *     return new Request(request, { headers });
 *   }],
 * };
 * const client = new OAuth2Client({
 *   clientId: "app",
 *   hooks: compose(github, userAgent),
 *   token: { access_token: "gho_1", token_type: "bearer" },
 * });
 * const signed = await client.sign(new Request("https://api.github.com/user"));
 * assert.equal(signed.headers.get("user-agent"), "my-app/1.0");
 * ```
 *
 * @module
 */
export { compose, type Hooks, type RequestHook, type ResponseHook } from "../_hooks.ts";
export { type AppleUser, appleUser } from "./apple.ts";
export { douban } from "./douban.ts";
export { ebay } from "./ebay.ts";
export { facebook } from "./facebook.ts";
export { figma } from "./figma.ts";
export { fitbit } from "./fitbit.ts";
export { github } from "./github.ts";
export { instagram } from "./instagram.ts";
export { line } from "./line.ts";
export { linkedin } from "./linkedin.ts";
export { mailchimp } from "./mailchimp.ts";
export { notion } from "./notion.ts";
export { plentymarkets } from "./plentymarkets.ts";
export { reddit, type RedditOptions } from "./reddit.ts";
export { shopify } from "./shopify.ts";
export { slack } from "./slack.ts";
export { strava } from "./strava.ts";
export { tiktok } from "./tiktok.ts";
export { twitch } from "./twitch.ts";
export { vk, type VkOptions } from "./vk.ts";
export { weibo } from "./weibo.ts";
export { yahoo, type YahooOptions } from "./yahoo.ts";
export { yandex } from "./yandex.ts";
