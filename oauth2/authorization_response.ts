/**
 * Checking the redirect back from the authorization server (RFC 6749 §4.1.2, RFC 9207).
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { excerpt } from "../_response.ts";
import { typeOf } from "../_transport.ts";
import { OAuthError, OAuthResponseError } from "../errors.ts";

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

/** Reads the callback argument: a URL, or a string the URL parser accepts. */
export function callbackUrl(value: unknown, option = "authorizationResponse"): URL {
  if (value instanceof URL) return value;
  if (typeof value !== "string") {
    throw new TypeError(`${option} must be the callback URL, got ${typeOf(value)}`);
  }
  // A path with its query (a handler's view of the request) is enough: only the query matters.
  const base = "https://callback.invalid/";
  if (!URL.canParse(value, base)) {
    throw new TypeError(`${option} must be the callback URL, got a malformed one`);
  }
  return new URL(value, base);
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
  for (const name of SINGLE_VALUED) {
    if (query.getAll(name).length > 1) {
      throw new OAuthError("duplicate_param", `the callback carries ${name} more than once`);
    }
  }
  const state = query.get("state");
  if (state === null) throw new OAuthError("state_missing", "the callback carries no state");
  if (!timingSafeEqual(state, expected.state)) {
    throw new OAuthError("state_mismatch", "the callback's state is not the one this request sent");
  }
  checkIssuer(query.get("iss"), expected);
  const error = query.get("error");
  if (error !== null) {
    throw new OAuthResponseError({
      error: excerpt(error),
      errorDescription: optional(query.get("error_description")),
      errorUri: optional(query.get("error_uri")),
    });
  }
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

// RFC 9207 §2.4: compared as strings, without normalisation.
function checkIssuer(iss: string | null, expected: CallbackExpectations): void {
  if (iss === null) {
    if (expected.issRequired) {
      throw new OAuthError(
        "iss_missing",
        "the callback carries no iss, which this server always sends",
      );
    }
    return;
  }
  if (expected.issuer !== undefined && iss !== expected.issuer) {
    throw new OAuthError(
      "issuer_mismatch",
      `the callback comes from another issuer than ${expected.issuer} (RFC 9207)`,
    );
  }
}

function optional(value: string | null): string | undefined {
  return value === null ? undefined : excerpt(value);
}
