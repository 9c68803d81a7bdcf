/**
 * How a failure of the registry becomes a response: its status (a failed login, a request
 * without a usable session, a provider or a store that failed), the page, the login cookies it
 * ends, and the request the app's logger is told of, without its secrets.
 *
 * @module
 */
import { OAuthError, type OAuthErrorCode } from "../errors.ts";
import { endedLoginCookie } from "./pending_logins.ts";

/** What {@linkcode errorResponse} is configured with: the registry's options of that name. */
export interface ErrorResponseOptions {
  /** The page for an error, given the status chosen for it. */
  errorPage?: (error: OAuthError, request: Request, status: number) => Response | Promise<Response>;
  /** Told of every error, with the request stripped of its secrets. */
  onError?: (error: unknown, request: Request) => void | Promise<void>;
  /** Where a request without a usable session is sent, instead of the 401 page. */
  loginUrl?: string;
}

/** Where an error came from, as the provider that threw it noted. */
type Origin = { step: "callback"; ends: readonly string[] } | { step: "call" };

// Noted on the error object itself, so that the app passes errors on unchanged.
const origins = new WeakMap<object, Origin>();

/** Notes `error` as a callback's, ending the login cookies `ends`; returns it, to throw. */
export function noteCallbackError(error: unknown, ends: readonly string[]): unknown {
  if (typeof error === "object" && error !== null) origins.set(error, { step: "callback", ends });
  return error;
}

/** Notes `error` as an API call's, made with the session's token; returns it, to throw. */
export function noteCallError(error: unknown): unknown {
  if (typeof error === "object" && error !== null) origins.set(error, { step: "call" });
  return error;
}

// The provider failed, or the way to it: not the user, and not the session.
const PROVIDER_FAILED = new Set<OAuthErrorCode>([
  "network_error",
  "unexpected_status",
  "invalid_response",
  "response_too_large",
  "too_many_redirects",
  "redirect_refused",
  "server_error",
  "temporarily_unavailable",
]);
// This app's own storage failed.
const STORE_FAILED = new Set<OAuthErrorCode>(["store_failed", "lock_timeout", "lease_lost"]);
// No usable token, wherever that was found out.
const NO_SESSION = new Set<OAuthErrorCode>(["missing_token", "token_expired"]);

/**
 * The status for `error`: 503 when a store failed, 502 when the provider did; 501 when the
 * provider cannot do what was asked of it (a logout there, without an end-session endpoint);
 * 401 when there is no usable session (no token, or an API call whose refresh the provider
 * refused); 400 for any other failed login (forged, stale or replayed, or refused by the user or
 * provider).
 */
export function errorStatus(error: OAuthError): number {
  if (STORE_FAILED.has(error.code)) return 503;
  if (error.code === "end_session_unsupported") return 501;
  if (PROVIDER_FAILED.has(error.code)) return 502;
  if (NO_SESSION.has(error.code) || origins.get(error)?.step === "call") return 401;
  return 400;
}

const PAGES: Record<number, { title: string; text: string }> = {
  400: { title: "Login failed", text: "The login failed (%). Please start again." },
  401: { title: "Not logged in", text: "You are not logged in (%). Please log in." },
  501: {
    title: "Logout unavailable",
    text: "The login provider does not support logging out there (%).",
  },
  502: {
    title: "Provider unavailable",
    text: "The login provider could not be reached (%). Please try again later.",
  },
  503: { title: "Unavailable", text: "The service is unavailable (%). Please try again later." },
};

/**
 * The page `errorResponse` answers with when the app gives no `errorPage`: plain HTML for
 * `status` naming the error code (ours or the provider's, never markup). An app's own
 * `errorPage` can hand it the statuses it does not answer itself.
 *
 * @example
 * ```ts
 * import { defaultErrorPage, OAuthError } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const error = new OAuthError("state_unknown", "no login in progress");
 * const page = defaultErrorPage(error, new Request("https://app.example/callback"), 400);
 * assert.equal(page.status, 400);
 * assert.match(await page.text(), /The login failed \(state_unknown\)/);
 * ```
 */
export function defaultErrorPage(error: OAuthError, _request: Request, status: number): Response {
  const code = error.code.replace(/[^\w.-]/g, "?");
  const { title, text } = PAGES[status] ?? PAGES[400];
  return new Response(
    `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text.replace("%", code)}</p>`,
    { status, headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

// Query parameters that carry a secret, known by their names' ends (code, state, tokens,
// verifiers), as the clients know them; the name stays, so a log still says one was there.
const SECRET_PARAMETER = /(?:code|state|verifier|token|secret|password|assertion)$/;
const SECRET_HEADERS = ["cookie", "authorization", "proxy-authorization"];

/**
 * `request` as a logger may see it: its method, URL and headers, less the cookies (the session
 * and login cookies), the credentials and the secret query parameters; no body.
 */
export function redactedRequest(request: Request): Request {
  const url = new URL(request.url);
  const query = [...url.searchParams].map(([name, value]) =>
    [name, SECRET_PARAMETER.test(name) ? "redacted" : value] as [string, string]
  );
  url.search = new URLSearchParams(query).toString();
  const headers = new Headers(request.headers);
  for (const name of SECRET_HEADERS) headers.delete(name);
  return new Request(url, { method: request.method, headers });
}

/**
 * Tells `onError` of `error`, with {@linkcode redactedRequest}'s copy of the request. A logger
 * that fails must not change what the user gets, nor hide the error it was told: what it
 * throws is ignored.
 */
export async function reportError(
  error: unknown,
  request: Request,
  onError: ErrorResponseOptions["onError"],
): Promise<void> {
  await Promise.resolve()
    .then(() => onError?.(error, redactedRequest(request)))
    .catch(() => {});
}

/**
 * The response for `error` (see `OAuthRegistry.errorResponse`): `onError` hears of it first,
 * whatever it is; an `OAuthError` gets its status's page, or a redirect to `loginUrl` for a
 * 401, and ends the login cookies a callback's error ends; anything else is thrown again.
 */
export async function errorResponse(
  error: unknown,
  request: Request,
  options: ErrorResponseOptions,
): Promise<Response> {
  await reportError(error, request, options.onError);
  if (!(error instanceof OAuthError)) throw error;
  const status = errorStatus(error);
  const response = status === 401 && options.loginUrl !== undefined
    ? new Response(null, { status: 302, headers: { location: options.loginUrl } })
    : await (options.errorPage ?? defaultErrorPage)(error, request, status);
  const headers = new Headers(response.headers);
  const origin = origins.get(error);
  const ends = origin?.step === "callback" ? origin.ends : [];
  for (const cookie of ends) headers.append("set-cookie", endedLoginCookie(cookie));
  return new Response(response.body, { status: response.status, headers });
}
