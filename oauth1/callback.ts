/**
 * The authorization redirect back to the client (RFC 5849 §2.2).
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { assertSingleValued, reportedError } from "../_callback.ts";
import { OAuthError, OAuthResponseError } from "../errors.ts";
import type { OAuth1AuthorizationResponse } from "./types.ts";

const SINGLE_VALUED = ["oauth_token", "oauth_verifier", "denied", "error"];

/**
 * Checks the redirect the provider sent the user back with, against the temporary credentials
 * the client holds: the `oauth_token` must be the one issued to this client (compared in
 * constant time, so a forged callback cannot swap in another token), a refusal (`denied=`,
 * `error=`) becomes an `OAuthResponseError`, and `oauth_verifier` must be present.
 */
export function parseCallback(
  callback: URL,
  expectedToken: string,
): OAuth1AuthorizationResponse {
  const query = callback.searchParams;
  assertSingleValued(query, "callback", SINGLE_VALUED);
  const denied = query.get("denied");
  if (denied !== null) {
    assertSameToken(denied, expectedToken, "denied");
    throw new OAuthResponseError({
      error: "access_denied",
      errorDescription: "the user refused the authorization",
    });
  }
  const token = query.get("oauth_token");
  if (token === null) {
    // Without the token, nothing binds this callback to our flow: not even an error= is
    // trusted, so an attacker cannot put words in the provider's mouth.
    throw new OAuthError("token_mismatch", "the callback carries no oauth_token (RFC 5849 §2.2)");
  }
  assertSameToken(token, expectedToken, "oauth_token");
  if (query.has("error")) throw reportedError(query);
  const verifier = query.get("oauth_verifier");
  if (!verifier) {
    throw new OAuthError(
      "verifier_missing",
      "the callback carries no oauth_verifier (RFC 5849 §2.2)",
    );
  }
  return { oauth_token: token, oauth_verifier: verifier };
}

function assertSameToken(received: string, expected: string, parameter: string): void {
  if (!timingSafeEqual(received, expected)) {
    throw new OAuthError(
      "token_mismatch",
      `the callback's ${parameter} is not the temporary token this client was issued`,
    );
  }
}
