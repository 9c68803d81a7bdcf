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
 * A protocol failure found by the client, with a stable machine-readable `code`, such as
 * `invalid_response`, `insecure_transport`, `response_too_large`, `token_mismatch`,
 * `duplicate_param` or `redirect_refused`.
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
  /** A stable identifier of the failure; see the README for the list. */
  declare readonly code: string;
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
  constructor(code: string, message: string, options: OAuthErrorOptions = {}) {
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
 * reported. `code` equals `error`.
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
 * assert.equal(error.code, "signature_invalid");
 * assert.equal(error.status, 401);
 * ```
 */
export class OAuthResponseError extends OAuthError {
  /** The error code reported by the server; equal to `code`. */
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
      init.error,
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
