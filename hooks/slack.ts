/**
 * Slack's older Web API methods took the token as a `token` parameter rather than an
 * `Authorization` header (requests-oauthlib's `slack_compliance_fix`).
 *
 * @module
 */
import { mediaType } from "../_encoding.ts";
import { rebuild } from "../_request.ts";
import { bearerToken, tokenInQuery } from "./_rewrite.ts";
import type { Hooks, RequestHook } from "../_hooks.ts";

const FORM = "application/x-www-form-urlencoded";

const tokenParameter: RequestHook = async (request) => {
  const token = bearerToken(request);
  if (token === undefined || new URL(request.url).searchParams.has("token")) return request;
  const isForm = mediaType(request.headers.get("content-type")) === FORM;
  if (!isForm || request.method === "GET" || request.method === "HEAD") {
    return await tokenInQuery(request, "token", false);
  }
  const form = new URLSearchParams(await request.clone().text());
  if (form.has("token")) return request;
  form.append("token", token);
  return rebuild(request, request.url, new Headers(request.headers), form.toString());
};

/**
 * Fix for Slack's legacy methods: the token also goes as a `token` parameter — in a form body
 * when there is one, else in the query — unless the request has one already. The
 * `Authorization` header stays, as Slack accepts it too.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { slack } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", hooks: slack, token: { access_token: "xoxp-1", token_type: "Bearer" } });
 * const signed = await client.sign(new Request("https://slack.com/api/users.list?limit=2"));
 * assert.equal(signed.url, "https://slack.com/api/users.list?limit=2&token=xoxp-1");
 * ```
 */
export const slack: Hooks = { protectedRequest: [tokenParameter] };
