/**
 * The authorization request of the code flow (RFC 6749 §4.1.1, RFC 7636 §4.3).
 *
 * @module
 */
import { appendQueryParameters, type ParameterList } from "../_encoding.ts";
import { randomBase64url } from "../_random.ts";
import {
  expectAbsoluteUri,
  expectNonEmptyString,
  expectObject,
  parseSecureUrl,
  typeOf,
} from "../_transport.ts";
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
export function scopeString(scope: string | string[] | undefined): string | undefined {
  if (scope === undefined) return undefined;
  if (typeof scope === "string") return scope;
  if (Array.isArray(scope) && scope.every((item) => typeof item === "string")) {
    return scope.join(" ");
  }
  throw new TypeError(`scope must be a string or an array of strings, got ${typeOf(scope)}`);
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
  expectObject(params, "authorizationUrl params");
  const endpoint = parseSecureUrl(
    defaults.authorizationEndpoint,
    "authorizationEndpoint",
    undefined,
    defaults.allowInsecureRequests,
  );
  const scope = scopeString(params.scope) ?? defaults.scope;
  const redirectUri = params.redirectUri ?? defaults.redirectUri;
  const query: ParameterList = [["response_type", "code"], ["client_id", defaults.clientId]];
  if (redirectUri !== undefined) {
    assertRedirectUri(redirectUri, "redirectUri");
    query.push(["redirect_uri", redirectUri]);
  }
  const state = expectNonEmptyString(params.state ?? randomBase64url(32), "state");
  if (scope) query.push(["scope", scope]);
  query.push(["state", state]);
  const result: AuthorizationRequest = { url: endpoint, state };
  if (defaults.pkce === false && params.codeVerifier !== undefined) {
    throw new TypeError("codeVerifier was given, but the client has pkce: false");
  }
  if (params.nonce !== undefined) expectNonEmptyString(params.nonce, "nonce");
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
  expectAbsoluteUri(value, option, "RFC 6749 §3.1.2");
}
