/**
 * The implicit grant's redirect (RFC 6749 §4.2.2), for legacy providers only: RFC 9700 §2.1.2
 * deprecates it.
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { assertSingleValued, callbackUrl, reportedError } from "../_callback.ts";
import { expectObject } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { validateTokenResponse } from "./token.ts";
import type { Token } from "./types.ts";

/** How `tokenFromFragment` checks the state. */
export interface FragmentOptions {
  /** The state sent with the authorization request. */
  state?: string;
  /** Skip the state check: only for a state protected by other means. */
  skipStateCheck?: boolean;
}

/**
 * The token in a redirect's fragment, checked like a token response. The fragment's state must
 * match `state` first (a fragment an attacker made has another or none); without `state`, the
 * caller must say `skipStateCheck: true`. An `error` becomes an `OAuthResponseError`.
 */
export function tokenInFragment(url: unknown, now: number, options: FragmentOptions): Token {
  expectObject(options, "tokenFromFragment options");
  const { state: expected, skipStateCheck } = options;
  if (
    expected === undefined
      ? skipStateCheck !== true
      : typeof expected !== "string" || expected === ""
  ) {
    throw new TypeError(
      "tokenFromFragment needs the state you sent ({ state }), or { skipStateCheck: true }",
    );
  }
  const fragment = new URLSearchParams(callbackUrl(url, "url").hash.slice(1));
  assertSingleValued(fragment, "fragment");
  if (expected !== undefined) {
    const state = fragment.get("state");
    if (state === null) throw new OAuthError("state_missing", "the fragment carries no state");
    if (!timingSafeEqual(state, expected)) {
      throw new OAuthError(
        "state_mismatch",
        "the fragment's state is not the one this request sent",
      );
    }
  }
  if (fragment.has("error")) throw reportedError(fragment);
  fragment.delete("state");
  return validateTokenResponse(Object.fromEntries(fragment), now);
}
