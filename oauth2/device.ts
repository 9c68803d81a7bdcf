/**
 * The device authorization grant (RFC 8628): the device authorization response, checked, and
 * the polling of the token endpoint while the user approves on another device.
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import { assertSecureTransport } from "../_transport.ts";
import { OAuthError, OAuthResponseError } from "../errors.ts";
import { extraParameters, scopeString } from "./authorization.ts";
import type { Token } from "./types.ts";

/** The device authorization response (RFC 8628 §3.2), with `expires_at` computed on receipt. */
export interface DeviceAuthorization {
  /** The code the device polls with; keep it on the device. */
  device_code: string;
  /** The code the user types at `verification_uri`. */
  user_code: string;
  /** Where the user goes to enter the code. */
  verification_uri: string;
  /** The same with the code filled in, for a QR code or a link. */
  verification_uri_complete?: string;
  /** Seconds the codes live. */
  expires_in: number;
  /** Seconds between polls; 5 when the server leaves it out. */
  interval: number;
  /** When the codes expire, in seconds since the epoch. */
  expires_at: number;
  /** Every other member, as the server sent it. */
  [member: string]: unknown;
}

/** Options of `pollDeviceToken`. */
export interface PollOptions {
  /** Stops polling: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Waits between polls; by default a timer. Injectable, so that a test or a scheduler of
   * your own decides what waiting means.
   */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

/** What `deviceAuthorization` sends besides the client's authentication. */
export interface DeviceAuthorizationParams {
  /** The scope to ask for; by default the client's. */
  scope?: string | string[];
  /** Aborts the request. */
  signal?: AbortSignal;
  /** Other parameters of the request, e.g. `resource` (RFC 8707). */
  [parameter: string]: string | string[] | AbortSignal | undefined;
}

// The client authenticates itself; these cannot be set as parameters.
const RESERVED = new Set([
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
]);
const SKIP = new Set(["scope"]);

/** The parameters of the device authorization request (RFC 8628 §3.1). */
export function deviceParameters(
  params: Omit<DeviceAuthorizationParams, "signal">,
  defaultScope: string | undefined,
): ParameterList {
  const parameters: ParameterList = [];
  const scope = params.scope === undefined
    ? defaultScope
    : scopeString(params.scope as string | string[]);
  if (scope) parameters.push(["scope", scope]);
  parameters.push(...extraParameters(params, {
    skip: SKIP,
    reserved: RESERVED,
    refuse: (name) => `deviceAuthorization cannot set ${name}: the client sends its own`,
    noun: "the parameter",
  }));
  return parameters;
}

const invalid = (message: string) => new OAuthError("invalid_response", message);

/**
 * RFC 8628 §3.2: the members a device authorization response must have, of the right types.
 * `verification_uri` and `verification_uri_complete` must be `https:` URLs (`http:` only on
 * loopback, or anywhere with `allowInsecure`, the client's `allowInsecureRequests: true`).
 */
export function readDeviceAuthorization(
  body: Record<string, unknown>,
  nowMs: number,
  allowInsecure = false,
): DeviceAuthorization {
  for (const member of ["device_code", "user_code", "verification_uri"]) {
    if (typeof body[member] !== "string" || body[member] === "") {
      throw invalid(`expected ${member} to be a non-empty string in the device authorization`);
    }
  }
  checkVerificationUri(body, "verification_uri", allowInsecure);
  if (body.verification_uri_complete !== undefined) {
    checkVerificationUri(body, "verification_uri_complete", allowInsecure);
  }
  const expiresIn = body.expires_in;
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw invalid("expected expires_in to be a positive number of seconds");
  }
  const interval = body.interval ?? 5;
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval < 0) {
    throw invalid("expected interval to be a non-negative number of seconds");
  }
  return {
    ...body,
    interval,
    expires_at: Math.floor(nowMs / 1000) + expiresIn,
  } as DeviceAuthorization;
}

// RFC 8628 §3.2, §5.4: the user is sent to these URLs (typed in, a link, a QR code, a browser
// the device opens), pages of the authorization server, served over TLS like its other
// endpoints (RFC 6749 §3.1). A `javascript:`, `file:` or `data:` URL from a hostile server must
// never reach the user, whatever `allowInsecure` says.
function checkVerificationUri(
  body: Record<string, unknown>,
  member: "verification_uri" | "verification_uri_complete",
  allowInsecure: boolean,
): void {
  const value = body[member];
  if (typeof value !== "string" || !URL.canParse(value)) {
    throw invalid(`expected ${member} to be an absolute URL string in the device authorization`);
  }
  assertSecureTransport(new URL(value), member, allowInsecure);
}

/** What one poll needs: the token request, the clock and the waiting. */
export interface PollContext {
  request: () => Promise<Token>;
  now: () => number;
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Polls until the user decides (RFC 8628 §3.4, §3.5): `authorization_pending` waits the
 * interval, `slow_down` adds 5 seconds to it for every later poll, a failed connection doubles
 * it; `access_denied`, `expired_token` and any other error end the polling, as does reaching
 * `expires_at` (`expired_token`) or the signal.
 */
export async function pollForToken(
  authorization: Pick<DeviceAuthorization, "interval" | "expires_at">,
  context: PollContext,
): Promise<Token> {
  let interval = authorization.interval;
  for (;;) {
    if (context.now() / 1000 + interval >= authorization.expires_at) {
      throw new OAuthError("expired_token", "the device code expired before the user approved");
    }
    context.signal?.throwIfAborted();
    await context.sleep(interval * 1000, context.signal);
    try {
      return await context.request();
    } catch (error) {
      const code = error instanceof OAuthError ? error.code : undefined;
      if (error instanceof OAuthResponseError && code === "slow_down") interval += 5;
      else if (code === "network_error") interval *= 2;
      else if (!(error instanceof OAuthResponseError && code === "authorization_pending")) {
        throw error;
      }
    }
  }
}

/** Waits, or rejects with the signal's reason as soon as it aborts. */
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", abort, { once: true });
  });
}
