/**
 * Checking the redirect back from the authorization server: the code flow's callback
 * (RFC 6749 §4.1.2, the issuer of RFC 9207), and the token in an implicit-grant fragment
 * (RFC 6749 §4.2.2) for legacy providers.
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { assertSingleValued, callbackUrl, reportedError } from "../_callback.ts";
import { OAuthError } from "../errors.ts";
import { expectObject, expectType, parseSecureUrl, quoteReceived } from "../_transport.ts";
import { mediaType } from "../_encoding.ts";
import { readCappedText } from "../_response.ts";
import { validateTokenResponse } from "./token.ts";
import type { Token } from "./types.ts";

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
  /**
   * Checks `iss`, throwing `issuer_mismatch`, where `issuer` cannot be compared (a multi-tenant
   * issuer's template: `callbackIssuerCheck` of issuer_template.ts; `issuer` is then left out).
   */
  checkIss?: (iss: string | null) => void;
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
  expected.checkIss?.(iss);
  if (iss !== null && expected.issuer !== undefined && iss !== expected.issuer) {
    throw new OAuthError(
      "issuer_mismatch",
      `the callback's iss is ${quoteReceived(iss)}, expected ${
        quoteReceived(expected.issuer)
      } exactly (RFC 9207 §2.4)`,
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

/**
 * The callback as a URL whose query holds the authorization response: a `GET` callback's own
 * URL, or for a `POST` one (OAuth 2.0 Form Post Response Mode §2, as `response_mode=form_post`
 * asks) its URL with the parameters of its `application/x-www-form-urlencoded` body added to
 * the query (the redirect URI's own). The body is read (at most 64 KiB): call it once per
 * request and keep the URL, which also holds what else the form carried (Sign in with Apple's
 * `user`). Another method or body, or a larger one, is `invalid_callback`; so is a POST whose
 * URL's query already carries a response parameter (`code`, `state`, `iss`, `error`,
 * `error_description`, `error_uri`, `id_token`, `user`), which Form Post Response Mode §2 puts
 * in the body only.
 *
 * @example
 * ```ts
 * import { readCallback } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const posted = new Request("https://app.example/callback", {
 *   method: "POST",
 *   headers: { "content-type": "application/x-www-form-urlencoded" },
 *   body: "code=c1&state=s1",
 * });
 * const url = await readCallback(posted);
 * assert.equal(url.searchParams.get("code"), "c1");
 * assert.equal(url.searchParams.get("state"), "s1");
 * ```
 */
export async function readCallback(request: Request): Promise<URL> {
  if (!isRequestLike(request)) {
    throw new TypeError(`readCallback needs the callback Request, got ${typeof request}`);
  }
  const url = new URL(request.url);
  if (request.method === "GET" || request.method === "HEAD") return url;
  const type = mediaType(request.headers.get("content-type"));
  if (request.method !== "POST" || type !== "application/x-www-form-urlencoded") {
    await request.body?.cancel();
    throw new OAuthError(
      "invalid_callback",
      `expected the callback as a GET or a form POST, got ${request.method} ${
        type || "without a content type"
      }`,
    );
  }
  // Form Post Response Mode §2: the response is the body's. One in the query too would be read
  // as the provider's (a link to `/cb?code=…&state=…` answered by an empty form).
  const inQuery = "code state iss error error_description error_uri id_token user".split(" ")
    .find((name) => url.searchParams.has(name));
  if (inQuery !== undefined) {
    await request.body?.cancel();
    throw new OAuthError(
      "invalid_callback",
      `expected the POSTed callback's ${inQuery} in its form body, not in its URL's query (OAuth 2.0 Form Post Response Mode §2)`,
    );
  }
  // A callback's parameters are a few hundred bytes; Apple's `user` adds a name and an address.
  const text = await readCappedText(new Response(request.body), 64 * 1024).catch(() => {
    throw new OAuthError("invalid_callback", `expected a callback form of at most 64 KiB`);
  });
  for (const [name, value] of new URLSearchParams(text)) url.searchParams.append(name, value);
  return url;
}

/**
 * A `Request`, or one of another implementation's (a Node adapter's, say), as `instanceof`
 * would miss it: a string `url` and `method`, and `headers` to read.
 */
export function isRequestLike(value: unknown): value is Request {
  if (value instanceof Request) return true;
  const candidate = value as Partial<Request> | null;
  return typeof candidate === "object" && candidate !== null &&
    typeof candidate.url === "string" && typeof candidate.method === "string" &&
    typeof candidate.headers?.get === "function";
}

/** RFC 8414 §2: an https URL (loopback may be http) without query or fragment, kept verbatim. */
export function checkIssuer(issuer: unknown, allowInsecure = false): string | undefined {
  if (issuer === undefined) return undefined;
  // A URL object would pass `parseSecureUrl`, but the issuer is compared as a string.
  expectType(issuer, "issuer", "string");
  const url = parseSecureUrl(issuer, "issuer", undefined, allowInsecure);
  if (url.search || url.hash) {
    throw new TypeError("issuer must not have a query or fragment (RFC 8414 §2)");
  }
  return issuer as string;
}

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
