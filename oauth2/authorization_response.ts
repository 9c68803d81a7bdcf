/**
 * Checking the redirect back from the authorization server (RFC 6749 §4.1.2, RFC 9207).
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { assertSingleValued, reportedError } from "../_callback.ts";
import { OAuthError } from "../errors.ts";

const SINGLE_VALUED = ["code", "state", "iss", "error", "error_description", "error_uri"];
// A code-flow callback never carries tokens; these mean an implicit or hybrid response.
const TOKEN_PARAMETERS = ["access_token", "id_token", "token"];

/** What the client knows when checking a callback. */
export interface CallbackExpectations {
  /** The state sent with the authorization request. */
  state: string;
  /** The issuer identifier of the authorization server, when the client knows it. */
  issuer?: string;
  /** Whether the server always sends `iss` (its metadata says so, RFC 9207 §3). */
  issRequired?: boolean;
}

/**
 * Returns the authorization code of a callback after checking, in this order: each parameter
 * at most once (`duplicate_param`); the state, in constant time (`state_missing`,
 * `state_mismatch`); the issuer, compared exactly (`issuer_mismatch`, `iss_missing`); an
 * `error` (an `OAuthResponseError`); no tokens (`implicit_unsupported`); the code
 * (`code_missing`). Nothing the callback says is believed before its state matched.
 */
export function checkAuthorizationResponse(url: URL, expected: CallbackExpectations): string {
  const query = url.searchParams;
  assertSingleValued(query, "callback", SINGLE_VALUED);
  const state = query.get("state");
  if (state === null) throw new OAuthError("state_missing", "the callback carries no state");
  if (!timingSafeEqual(state, expected.state)) {
    throw new OAuthError("state_mismatch", "the callback's state is not the one this request sent");
  }
  // RFC 9207 §2.4: compared as strings, without normalisation.
  const iss = query.get("iss");
  if (iss === null && expected.issRequired) {
    throw new OAuthError(
      "iss_missing",
      "the callback carries no iss, which this server always sends",
    );
  }
  if (iss !== null && expected.issuer !== undefined && iss !== expected.issuer) {
    throw new OAuthError(
      "issuer_mismatch",
      `the callback comes from another issuer than ${expected.issuer} (RFC 9207)`,
    );
  }
  if (query.has("error")) throw reportedError(query);
  if (TOKEN_PARAMETERS.some((name) => query.has(name))) {
    throw new OAuthError(
      "implicit_unsupported",
      "the callback carries a token: only the authorization code flow is accepted here",
    );
  }
  const code = query.get("code");
  if (!code) throw new OAuthError("code_missing", "the callback carries no code");
  return code;
}
