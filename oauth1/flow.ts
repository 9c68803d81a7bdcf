/**
 * The state of the 3-legged flow (RFC 5849 §2) and the checks on the arguments of its steps.
 * The client class keeps one `Credentials` value and moves it from stage to stage.
 *
 * @module
 */
import { type ParameterList } from "../_encoding.ts";
import { parseSecureUrl, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import type { OAuth1ClientOptions } from "./options.ts";
import type { OAuth1Token } from "./types.ts";

/**
 * Which credentials the client holds:
 * - `none`: only the client credentials; the flow has not started.
 * - `given`: a token passed to the constructor. It may be token credentials (the usual case)
 *   or temporary credentials kept by a web app between its redirect and its callback; the
 *   client cannot tell, so it signs with it and lets the flow continue with it.
 * - `temporary`: from `fetchRequestToken`, or a `given` token that a callback matched.
 * - `token`: from `fetchAccessToken`; the flow is over.
 */
export type Credentials =
  | { stage: "none" }
  | { stage: "given"; token: OAuth1Token; verifier?: string }
  | { stage: "temporary"; token: OAuth1Token; verifier?: string }
  | { stage: "token"; token: OAuth1Token };

/** The stage the constructor's options put the client in. */
export function initialCredentials(options: OAuth1ClientOptions): Credentials {
  if (!options.token) return { stage: "none" };
  const token = { oauth_token: options.token, oauth_token_secret: options.tokenSecret ?? "" };
  return options.verifier ? { stage: "temporary", token, verifier: options.verifier } : {
    stage: "given",
    token,
  };
}

/**
 * The credentials a flow step continues with. After `fetchAccessToken` there are none: the
 * token credentials must never reach an authorization URL or be swapped by a callback.
 */
export function flowCredentials(
  held: Credentials,
  step: string,
): { token: OAuth1Token; verifier?: string } {
  if (held.stage === "temporary" || held.stage === "given") return held;
  const why = held.stage === "token"
    ? "the client already holds token credentials"
    : "call fetchRequestToken first, or construct the client with them";
  throw new OAuthError("missing_token", `${step} needs temporary credentials: ${why}`);
}

/**
 * A request to a credentials endpoint: absolute, secure (`http:` beyond loopback only with
 * `allowInsecure`), `POST` unless `init` says otherwise.
 */
export function credentialsRequest(
  url: unknown,
  option: string,
  init?: RequestInit,
  allowInsecure = false,
): Request {
  const what = option.replace(/ url$/, "") + " endpoint";
  const endpoint = parseSecureUrl(url, option, what, allowInsecure);
  if (init !== undefined && (typeof init !== "object" || init === null)) {
    throw new TypeError(`init must be a RequestInit object, got ${typeOf(init)}`);
  }
  // Credential endpoints are never followed through a redirect (RFC 9700 §4.12).
  return new Request(endpoint, { method: "POST", ...init, redirect: "manual" });
}

/** The flow steps whose URL an option can give, with that option and the name of the other argument. */
const STEPS = {
  fetchRequestToken: { option: "requestTokenUrl", rest: "init" },
  authorizationUrl: { option: "authorizeUrl", rest: "extraParams" },
  fetchAccessToken: { option: "accessTokenUrl", rest: "options" },
} as const;

/**
 * The URL a flow step goes to and its other argument, from the ways a step may be called:
 * `(url, rest?)`, `(undefined, rest?)`, `(rest?)`. Without a URL the step uses the one its option
 * configured, or throws a `TypeError` naming that option. A plain object (an object literal) in
 * the first place is the other argument; any other value (a `Request`, an array, a number) stays
 * in the URL's place, so that the URL check names it.
 */
export function stepArguments<Rest>(
  step: keyof typeof STEPS,
  configured: string | undefined,
  first: unknown,
  second: Rest | undefined,
): { url: unknown; label: string; rest: Rest | undefined } {
  const { option, rest } = STEPS[step];
  const isOptions = isPlainObject(first);
  if (isOptions && second !== undefined) {
    throw new TypeError(`${step} takes (url, ${rest}) or (${rest}), got two objects`);
  }
  const url = isOptions ? undefined : first;
  const other = isOptions ? first as Rest : second;
  if (url !== undefined) return { url, label: `${step} url`, rest: other };
  if (configured === undefined) {
    throw new TypeError(
      `${step} needs a URL: pass one, or give the client the ${option} option`,
    );
  }
  return { url: configured, label: option, rest: other };
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The extra parameters of an authorization URL, checked. */
export function extraParameters(extraParams: unknown): ParameterList {
  if (typeof extraParams !== "object" || extraParams === null || Array.isArray(extraParams)) {
    throw new TypeError(`extraParams must be an object of strings, got ${typeOf(extraParams)}`);
  }
  return Object.entries(extraParams).map(([name, value]) => {
    if (typeof value !== "string") {
      throw new TypeError(`extraParams.${name} must be a string, got ${typeOf(value)}`);
    }
    if (name === "oauth_token") {
      throw new TypeError("extraParams must not set oauth_token: the client sends its own");
    }
    return [name, value];
  });
}

/** The options of `fetchAccessToken`, checked. */
export function accessTokenOptions(options: unknown): { verifier?: string; init?: RequestInit } {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `fetchAccessToken options must be an object like { verifier }, got ${typeOf(options)}`,
    );
  }
  const { verifier } = options as { verifier?: unknown };
  if (verifier !== undefined && (typeof verifier !== "string" || verifier === "")) {
    throw new TypeError(`verifier must be a non-empty string, got ${typeOf(verifier)}`);
  }
  return options as { verifier?: string; init?: RequestInit };
}

/** A value from the injected `nonce` or `timestamp` function, checked. */
export function generated(value: unknown, option: "nonce" | "timestamp"): string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `the ${option} option must return a non-empty string, got ${typeOf(value)}`,
    );
  }
  return value;
}
