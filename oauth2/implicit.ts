/**
 * The implicit grant's redirect (RFC 6749 §4.2.2), for legacy providers only: RFC 9700 §2.1.2
 * deprecates it.
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { excerpt } from "../_response.ts";
import { OAuthError, OAuthResponseError } from "../errors.ts";
import { callbackUrl } from "./authorization_response.ts";
import { validateTokenResponse } from "./token.ts";
import type { Token } from "./types.ts";

/**
 * The token in a redirect's fragment, checked like a token response. With `state`, the
 * fragment's state must match first; an `error` becomes an `OAuthResponseError`.
 */
export function tokenInFragment(url: unknown, now: number, expectedState?: string): Token {
  const fragment = new URLSearchParams(callbackUrl(url).hash.slice(1));
  const members: Record<string, string> = {};
  for (const [name, value] of fragment) {
    if (name in members) {
      throw new OAuthError("duplicate_param", `the fragment carries ${name} more than once`);
    }
    members[name] = value;
  }
  if (expectedState !== undefined) {
    if (members.state === undefined) {
      throw new OAuthError("state_missing", "the fragment carries no state");
    }
    if (!timingSafeEqual(members.state, expectedState)) {
      throw new OAuthError(
        "state_mismatch",
        "the fragment's state is not the one this request sent",
      );
    }
  }
  if (members.error !== undefined) {
    throw new OAuthResponseError({
      error: excerpt(members.error),
      errorDescription: members.error_description && excerpt(members.error_description),
      errorUri: members.error_uri && excerpt(members.error_uri),
    });
  }
  const { state: _state, ...token } = members;
  return validateTokenResponse(token, now);
}
