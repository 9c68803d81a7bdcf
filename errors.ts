/**
 * The two error classes of `@x/oauth`.
 *
 * Caller mistakes (a missing option, a relative URL, a wrong type) are thrown as the built-in
 * `TypeError` or `RangeError`. Everything that goes wrong in the protocol is an
 * {@linkcode OAuthError} with a stable `code`; when the server or the authorization response
 * reports the failure, it is the subclass {@linkcode OAuthResponseError}.
 *
 * No message, property or serialisation of these errors ever carries a secret or a token.
 *
 * @module
 */
import { retryAfterSeconds } from "./_retry_after.ts";

/**
 * A code that this library gives an {@linkcode OAuthError} of its own accord: a failure it
 * finds in a response, a callback, its configuration or a token store. Where the library means
 * what a registered server code means (`access_denied`, `expired_token`,
 * `unsupported_token_type`), it uses that code, listed in {@linkcode OAuthServerErrorCode}.
 */
export type OAuthClientErrorCode =
  | "audience_mismatch"
  | "callback_not_confirmed"
  | "code_missing"
  | "dpop_downgrade"
  | "duplicate_param"
  | "end_session_unsupported"
  | "implicit_unsupported"
  | "insecure_transport"
  | "invalid_callback"
  | "invalid_id_token"
  | "invalid_response"
  | "invalid_signature"
  | "iss_missing"
  | "issuer_mismatch"
  | "lease_lost"
  | "lock_timeout"
  | "missing_token"
  | "network_error"
  | "nonce_mismatch"
  | "pkce_s256_unsupported"
  | "redirect_refused"
  | "response_too_large"
  | "state_mismatch"
  | "state_missing"
  | "state_unknown"
  | "store_failed"
  | "token_expired"
  | "token_mismatch"
  | "token_update_failed"
  | "too_many_redirects"
  | "unexpected_status"
  | "unsupported_auth_method"
  | "userinfo_sub_mismatch"
  | "verifier_missing";

/**
 * A registered error code that a server sends: RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1,
 * RFC 7009 §2.2.1, RFC 8628 §3.5, RFC 8693 §2.2.2 and RFC 8707 §2, RFC 9449 §5 and §8, and
 * OpenID Connect Core 1.0 §3.1.2.6.
 */
export type OAuthServerErrorCode =
  // RFC 6749 §4.1.2.1 (authorization response) and §5.2 (token response)
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  // RFC 6750 §3.1 (resource server)
  | "invalid_token"
  | "insufficient_scope"
  // RFC 7009 §2.2.1 (revocation)
  | "unsupported_token_type"
  // RFC 8628 §3.5 (device authorization grant)
  | "authorization_pending"
  | "slow_down"
  | "expired_token"
  // RFC 8693 §2.2.2, RFC 8707 §2 (token exchange, resource indicators)
  | "invalid_target"
  // RFC 9449 §5, §8 (DPoP)
  | "invalid_dpop_proof"
  | "use_dpop_nonce"
  // OpenID Connect Core 1.0 §3.1.2.6
  | "interaction_required"
  | "login_required"
  | "account_selection_required"
  | "consent_required"
  | "invalid_request_uri"
  | "invalid_request_object"
  | "request_not_supported"
  | "request_uri_not_supported"
  | "registration_not_supported";

/**
 * The `code` of an {@linkcode OAuthError}: a code of this library or a registered server code,
 * so that a comparison with a misspelt code does not compile.
 *
 * An {@linkcode OAuthResponseError} from a server that sends an unregistered code (an OAuth 1.0a
 * `oauth_problem` such as `signature_invalid`, a provider's own code) carries that string in
 * `code` too, although the type does not say so: compare its `error` (a `string`) for those.
 *
 * @example A misspelt code is a type error
 * ```ts
 * import { OAuthError } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthError("state_mismatch", "another state");
 * // @ts-expect-error: "state_mismatchh" is not an OAuthErrorCode
 * assert.equal(error.code === "state_mismatchh", false);
 * assert.equal(error.code === "state_mismatch", true);
 * ```
 */
export type OAuthErrorCode = OAuthClientErrorCode | OAuthServerErrorCode;

/** Every {@linkcode OAuthClientErrorCode}, once: for tests and the README's table. */
export const _CLIENT_ERROR_CODES = [
  "audience_mismatch",
  "callback_not_confirmed",
  "code_missing",
  "dpop_downgrade",
  "duplicate_param",
  "end_session_unsupported",
  "implicit_unsupported",
  "insecure_transport",
  "invalid_callback",
  "invalid_id_token",
  "invalid_response",
  "invalid_signature",
  "iss_missing",
  "issuer_mismatch",
  "lease_lost",
  "lock_timeout",
  "missing_token",
  "network_error",
  "nonce_mismatch",
  "pkce_s256_unsupported",
  "redirect_refused",
  "response_too_large",
  "state_mismatch",
  "state_missing",
  "state_unknown",
  "store_failed",
  "token_expired",
  "token_mismatch",
  "token_update_failed",
  "too_many_redirects",
  "unexpected_status",
  "unsupported_auth_method",
  "userinfo_sub_mismatch",
  "verifier_missing",
] as const satisfies readonly OAuthClientErrorCode[];

/** Every {@linkcode OAuthServerErrorCode}, once: for tests and the README's table. */
export const _SERVER_ERROR_CODES = [
  // RFC 6749 §4.1.2.1 (authorization response) and §5.2 (token response)
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "unsupported_response_type",
  "invalid_scope",
  "access_denied",
  "server_error",
  "temporarily_unavailable",
  // RFC 6750 §3.1 (resource server)
  "invalid_token",
  "insufficient_scope",
  // RFC 7009 §2.2.1 (revocation)
  "unsupported_token_type",
  // RFC 8628 §3.5 (device authorization grant)
  "authorization_pending",
  "slow_down",
  "expired_token",
  // RFC 8693 §2.2.2, RFC 8707 §2 (token exchange, resource indicators)
  "invalid_target",
  // RFC 9449 §5, §8 (DPoP)
  "invalid_dpop_proof",
  "use_dpop_nonce",
  // OpenID Connect Core 1.0 §3.1.2.6
  "interaction_required",
  "login_required",
  "account_selection_required",
  "consent_required",
  "invalid_request_uri",
  "invalid_request_object",
  "request_not_supported",
  "request_uri_not_supported",
  "registration_not_supported",
] as const satisfies readonly OAuthServerErrorCode[];

// `satisfies` above keeps the lists inside the types; these keep the types inside the lists.
type _Never<T extends never> = T;
type _ClientCodesListed = _Never<Exclude<OAuthClientErrorCode, typeof _CLIENT_ERROR_CODES[number]>>;
type _ServerCodesListed = _Never<Exclude<OAuthServerErrorCode, typeof _SERVER_ERROR_CODES[number]>>;

/** Options accepted by {@linkcode OAuthError}. */
export interface OAuthErrorOptions {
  /** The HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** The underlying error, kept for debugging. */
  cause?: unknown;
  /** At most 1 KiB of an error response's body (never of a 2xx response), for debugging. */
  body?: string;
  /** Seconds to wait before trying again, from a `Retry-After` header (RFC 9110 §10.2.3). */
  retryAfter?: number;
}

/**
 * A protocol failure found by the client, with a stable machine-readable `code` (an
 * {@linkcode OAuthErrorCode}), such as `invalid_response`, `insecure_transport`,
 * `response_too_large`, `token_mismatch`, `duplicate_param` or `redirect_refused`.
 *
 * @example Branch on the code, not the message
 * ```ts
 * import { OAuthError } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthError("invalid_response", "oauth_token_secret is missing", { status: 200 });
 * assert.ok(error instanceof Error);
 * assert.equal(error.code, "invalid_response");
 * assert.equal(error.status, 200);
 * ```
 */
export class OAuthError extends Error {
  /**
   * A stable identifier of the failure; see {@linkcode OAuthErrorCode} and the README. On an
   * {@linkcode OAuthResponseError} it is the server's `error`, which may be a string outside
   * the type: compare `error` for unregistered codes.
   */
  declare readonly code: OAuthErrorCode;
  /** The HTTP status of the response involved, if any. */
  declare readonly status?: number;
  /** At most 1 KiB of an error response's body, if there was one. */
  declare readonly body?: string;
  /** Seconds the server asked to wait before trying again (`Retry-After`), if it said. */
  declare readonly retryAfter?: number;

  /**
   * Creates an error with a stable code.
   *
   * @param code stable identifier, e.g. `invalid_response`
   * @param message what was expected and what arrived, never a secret
   * @param options HTTP status and cause
   */
  constructor(code: OAuthErrorCode, message: string, options: OAuthErrorOptions = {}) {
    // `Error` reads only `cause` from its options, and only when it is there.
    super(message, options.cause === undefined ? undefined : options);
    // Each field is an own property, `undefined` when absent, in the order class fields would
    // give them; declared rather than defined, so that a bundle carries no field code.
    this.code = code;
    this.status = options.status;
    this.body = options.body;
    this.retryAfter = options.retryAfter;
    this.name = "OAuthError";
  }
}

/** The server's own description of an error, as carried by {@linkcode OAuthResponseError}. */
export interface OAuthResponseErrorInit extends OAuthErrorOptions {
  /** The error code the server or authorization response reported. */
  error: string;
  /** Human-readable text from the server, if any (e.g. `error_description`). */
  errorDescription?: string;
  /** A link to a page about the error, if the server gave one. It is never followed. */
  errorUri?: string;
  /** The HTTP response the error came from (its body already read), if any. */
  response?: Response;
  /** The response headers; taken from `response` when not given. */
  headers?: Headers;
}

/**
 * An error that the server (in an HTTP response) or the authorization server (in a redirect)
 * reported. `code` equals `error` at run time.
 *
 * `code` is typed as {@linkcode OAuthErrorCode}, so that a misspelt comparison does not compile,
 * but a server may send any string: `code` is then that string, outside its type. To match a
 * code that is not in {@linkcode OAuthErrorCode} (an OAuth 1.0a `oauth_problem`, a provider's
 * own code), compare `error`, which is typed `string`.
 *
 * @example
 * ```ts
 * import { OAuthError, OAuthResponseError } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthResponseError({
 *   error: "signature_invalid",
 *   errorDescription: "The signature does not match",
 *   status: 401,
 * });
 * assert.ok(error instanceof OAuthError);
 * assert.equal(error.error, "signature_invalid"); // not a registered code: compare `error`
 * assert.equal(error.code, error.error);
 * assert.equal(error.status, 401);
 * ```
 */
export class OAuthResponseError extends OAuthError {
  /**
   * The error code reported by the server, as sent; equal to `code`. Compare this one for codes
   * outside {@linkcode OAuthErrorCode}.
   */
  declare readonly error: string;
  /** The server's description of the error. */
  declare readonly errorDescription?: string;
  /** The server's link about the error; never fetched by this library. */
  declare readonly errorUri?: string;
  /** The HTTP response the error came from, its body already read; for status and headers. */
  declare readonly response?: Response;
  /** The response headers, when there was an HTTP response. */
  declare readonly headers?: Headers;

  /**
   * Creates an error from what the server reported.
   *
   * @param init the reported error, its description and the HTTP context
   */
  constructor(init: OAuthResponseErrorInit) {
    const status = init.status ?? init.response?.status;
    super(
      // The server's string, registered or not (see the class documentation).
      init.error as OAuthErrorCode,
      `the server reported ${init.error}${status === undefined ? "" : ` (HTTP ${status})`}${
        init.errorDescription ? `: ${init.errorDescription}` : ""
      }`,
      {
        ...init,
        status,
        retryAfter: init.retryAfter ?? (init.response && retryAfterSeconds(init.response.headers)),
      },
    );
    this.name = "OAuthResponseError";
    this.error = init.error;
    this.errorDescription = init.errorDescription;
    this.errorUri = init.errorUri;
    this.response = init.response;
    this.headers = init.headers ?? init.response?.headers;
  }
}
