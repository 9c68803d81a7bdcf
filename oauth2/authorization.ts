/**
 * The authorization request of the code flow (RFC 6749 §4.1.1, RFC 7636 §4.3).
 *
 * @module
 */
import { appendQueryParameters, type ParameterList } from "../_encoding.ts";
import { randomBase64url } from "../_random.ts";
import { parseSecureUrl, typeOf } from "../_transport.ts";
import {
  assertCodeVerifier,
  codeChallenge,
  generateCodeVerifier,
  type PkceMethod,
} from "./pkce.ts";
import { extraParameters } from "./extra_parameters.ts";
import type { AuthorizationRequest, AuthorizationUrlParams } from "./types.ts";

/** What the client contributes to every authorization request. */
export interface AuthorizationDefaults {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri?: string;
  scope?: string;
  pkce: PkceMethod | false;
  /** `http:` beyond loopback was allowed by the caller. */
  allowInsecureRequests?: boolean;
}

// Parameters the client writes itself; extra parameters may not replace them (a spread in the
// wrong order once let configuration override PKCE and state: nuxt-auth-utils#482).
const PROTOCOL_PARAMETERS = new Set([
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "nonce",
  "request_uri",
]);
const NAMED = new Set(["scope", "state", "codeVerifier", "nonce", "redirectUri", "par", "signal"]);

/** Joins a scope given as a list; a string is taken as it is. */
export function scopeString(
  scope: string | string[] | undefined,
  option = "scope",
): string | undefined {
  if (scope === undefined) return undefined;
  if (typeof scope === "string") return scope;
  if (Array.isArray(scope) && scope.every((item) => typeof item === "string")) {
    return scope.join(" ");
  }
  throw new TypeError(`${option} must be a string or an array of strings, got ${typeOf(scope)}`);
}

/**
 * Builds the authorization URL: `response_type=code`, `client_id`, `redirect_uri`, `scope`, a
 * random `state` (256 bits), the PKCE challenge (S256 unless configured otherwise), a `nonce`
 * when the scope asks for `openid`, and the caller's extra parameters after them.
 */
export async function buildAuthorizationUrl(
  defaults: AuthorizationDefaults,
  params: AuthorizationUrlParams = {},
): Promise<AuthorizationRequest> {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new TypeError(`authorizationUrl params must be an object, got ${typeOf(params)}`);
  }
  const endpoint = parseSecureUrl(
    defaults.authorizationEndpoint,
    "authorizationEndpoint",
    "the authorization endpoint",
    defaults.allowInsecureRequests,
  );
  const scope = params.scope === undefined ? defaults.scope : scopeString(params.scope);
  const redirectUri = params.redirectUri ?? defaults.redirectUri;
  if (redirectUri !== undefined) assertRedirectUri(redirectUri, "redirectUri");
  const state = params.state ?? randomBase64url(32);
  if (typeof state !== "string" || state === "") {
    throw new TypeError("state must be a non-empty string");
  }
  const query: ParameterList = [["response_type", "code"], ["client_id", defaults.clientId]];
  if (redirectUri !== undefined) query.push(["redirect_uri", redirectUri]);
  if (scope) query.push(["scope", scope]);
  query.push(["state", state]);
  const result: AuthorizationRequest = { url: endpoint, state };
  if (defaults.pkce === false && params.codeVerifier !== undefined) {
    throw new TypeError("codeVerifier was given, but the client has pkce: false");
  }
  if (params.nonce !== undefined && (typeof params.nonce !== "string" || params.nonce === "")) {
    throw new TypeError(`nonce must be a non-empty string, got ${typeOf(params.nonce)}`);
  }
  if (defaults.pkce !== false) {
    const verifier = params.codeVerifier === undefined
      ? generateCodeVerifier()
      : assertCodeVerifier(params.codeVerifier);
    query.push(
      ["code_challenge", await codeChallenge(verifier, defaults.pkce)],
      ["code_challenge_method", defaults.pkce],
    );
    result.codeVerifier = verifier;
  }
  if (scope?.split(" ").includes("openid") || params.nonce !== undefined) {
    result.nonce = params.nonce ?? randomBase64url(32);
    query.push(["nonce", result.nonce]);
  }
  query.push(...extraParameters(params, {
    skip: NAMED,
    reserved: PROTOCOL_PARAMETERS,
    refuse: (name) => `authorizationUrl cannot override ${name}: the client sets it`,
    noun: "authorizationUrl param",
  }));
  result.url = appendQueryParameters(endpoint, query);
  return result;
}

/** RFC 6749 §3.1.2: an absolute URI without a fragment. */
export function assertRedirectUri(value: unknown, option: string): void {
  if (typeof value !== "string" || !URL.canParse(value)) {
    throw new TypeError(`${option} must be an absolute URI (RFC 6749 §3.1.2)`);
  }
  if (value.includes("#")) {
    throw new TypeError(`${option} must not have a fragment (RFC 6749 §3.1.2)`);
  }
}
