/**
 * The fix several providers share: a token response without `token_type`, whose tokens are
 * Bearer tokens (RFC 6750). Internal building block of `weibo`, `douban` and `linkedin`.
 *
 * @module
 */
import { rewriteSuccessJson } from "./_rewrite.ts";
import type { ResponseHook } from "../_hooks.ts";

/** Sets `token_type: "Bearer"` on a successful token response that has none. */
export const bearerWhenMissing: ResponseHook = (response) =>
  rewriteSuccessJson(
    response,
    (body) => body.token_type === undefined ? { ...body, token_type: "Bearer" } : body,
  );
