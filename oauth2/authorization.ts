/**
 * The authorization request: the URL the user is sent to (RFC 6749 §4.1.1), its PKCE verifier
 * and challenge (RFC 7636), the parameters a caller adds by name and resource indicators
 * (RFC 8707), and pushing the request first (PAR, RFC 9126).
 *
 * @module
 */
import {
  appendFormParameters,
  encodeBase64urlNoPadding,
  type ParameterList,
} from "../_encoding.ts";
import { randomBase64url } from "../_random.ts";
import {
  expectAbsoluteUri,
  expectNonEmptyString,
  expectObject,
  parseSecureUrl,
  typeOf,
} from "../_transport.ts";
import type { AuthorizationRequest, AuthorizationUrlParams } from "./types.ts";
import { withDeadline } from "../_deadline.ts";
import { OAuthError } from "../errors.ts";
import {
  type EndpointOptions,
  type EndpointSend,
  endpointUrl,
  readJsonObject,
  sendToEndpoint,
} from "./_endpoint.ts";

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

/**
 * A client's `authorizationParams`, checked once: strings or lists of strings, none of them a
 * parameter the client writes itself or a named option (a fixed `state` would defeat it).
 */
export function checkAuthorizationParams(
  value: unknown,
): Record<string, string | string[]> {
  if (value === undefined) return {};
  expectObject(value, "authorizationParams");
  extraParameters(value as Record<string, unknown>, {
    skip: new Set(),
    reserved: new Set([...PROTOCOL_PARAMETERS, ...NAMED]),
    refuse: (name) => `authorizationParams cannot set ${name}: the client sets it`,
    noun: "authorizationParams member",
  });
  return { ...value as Record<string, string | string[]> };
}

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
  // RFC 6749 §4.1.1 and Appendix B: the query is form-encoded.
  result.url = appendFormParameters(endpoint, query);
  return result;
}

/** RFC 6749 §3.1.2: an absolute URI without a fragment. */
export function assertRedirectUri(value: unknown, option: string): void {
  expectAbsoluteUri(value, option, "RFC 6749 §3.1.2");
}

/** A PKCE method: `S256` (the default and the only one RFC 9700 §2.1.1 recommends) or `plain`. */
export type PkceMethod = "S256" | "plain";

// RFC 7636 §4.1: 43 to 128 characters from the unreserved set.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A new code verifier: 32 random bytes, base64url-encoded (43 characters, 256 bits), as
 * RFC 7636 §4.1 recommends.
 *
 * @example
 * ```ts
 * import { generateCodeVerifier } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateCodeVerifier(), /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export function generateCodeVerifier(): string {
  return randomBase64url(32);
}

/** Checks a caller's code verifier against RFC 7636 §4.1, or throws a `TypeError`. */
export function assertCodeVerifier(verifier: unknown): string {
  if (typeof verifier !== "string" || !VERIFIER.test(verifier)) {
    throw new TypeError("codeVerifier must be 43 to 128 unreserved characters (RFC 7636 §4.1)");
  }
  return verifier;
}

/**
 * The code challenge of a verifier (RFC 7636 §4.2): `BASE64URL(SHA256(verifier))` for `S256`,
 * the verifier itself for `plain`.
 *
 * @example The RFC 7636 Appendix B vector
 * ```ts
 * import { codeChallenge } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256"),
 *   "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
 * );
 * ```
 */
export async function codeChallenge(verifier: string, method: PkceMethod): Promise<string> {
  if (method === "plain") return verifier;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/** The `pkce` option of a client: `S256` unless set; `"plain"` and `false` only when asked for. */
export function pkceOption(value: unknown): PkceMethod | false {
  const pkce = value ?? "S256";
  if (pkce !== "S256" && pkce !== "plain" && pkce !== false) {
    throw new TypeError('pkce must be "S256", "plain" or false');
  }
  return pkce;
}

/** Pushes the request that `built` describes and answers it with the front-channel URL. */
export async function pushAuthorizationRequest(
  options: EndpointOptions & { timeout: number },
  built: AuthorizationRequest,
  send: EndpointSend,
  callerSignal?: AbortSignal,
): Promise<AuthorizationRequest> {
  const call = {
    endpoint: "pushedAuthorizationRequestEndpoint",
    operation: "authorizationUrl({ par: true })",
  } as const;
  endpointUrl(options, call);
  // Every parameter of the authorization request, client_id included (RFC 9126 §2.1), which
  // client authentication sets rather than adds.
  const parameters = [...built.url.searchParams];
  const body = await withDeadline(options.timeout, callerSignal, async (signal) => {
    const { request, response, secrets } = await sendToEndpoint(
      options,
      { ...call, parameters, signal },
      send,
    );
    // RFC 9126 §2.2: 201 Created; another success status is not this protocol.
    if (response.ok && response.status !== 201) {
      await response.body?.cancel();
      throw new OAuthError(
        "unexpected_status",
        `expected 201 from the pushed authorization request endpoint, got ${response.status}`,
        { status: response.status },
      );
    }
    return await readJsonObject(
      response,
      request,
      "the pushed authorization request endpoint",
      secrets,
    );
  });
  const { request_uri: requestUri, expires_in: expiresIn } = body;
  if (typeof requestUri !== "string" || requestUri === "") {
    throw new OAuthError("invalid_response", "expected request_uri to be a non-empty string");
  }
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new OAuthError("invalid_response", "expected expires_in to be a positive number");
  }
  const url = new URL(built.url.origin + built.url.pathname);
  url.search = new URLSearchParams({ client_id: options.clientId, request_uri: requestUri })
    .toString();
  return { ...built, url };
}

/** How one request takes extra parameters. */
export interface ExtraParameterRules {
  /** Members that are options of the call, not parameters. */
  skip: ReadonlySet<string>;
  /** Parameters the client writes itself. */
  reserved: ReadonlySet<string>;
  /** The error for a reserved name. */
  refuse: (name: string) => string;
  /** How messages name a parameter, e.g. `the grant parameter`. */
  noun: string;
}

/** The members of `params` as parameters, in order, or a `TypeError` for a misuse. */
export function extraParameters(
  params: Record<string, unknown>,
  rules: ExtraParameterRules,
): ParameterList {
  const parameters: ParameterList = [];
  for (const [name, value] of Object.entries(params)) {
    if (rules.skip.has(name) || value === undefined) continue;
    if (rules.reserved.has(name)) throw new TypeError(rules.refuse(name));
    // One value or a list of them.
    const values = name === "resource" ? resourceValues(value) : [value].flat();
    for (const item of values) {
      if (typeof item !== "string") {
        throw new TypeError(
          `${rules.noun} ${name} must be a string or strings, got ${typeOf(item)}`,
        );
      }
      parameters.push([name, item]);
    }
  }
  return parameters;
}

/** The values of a `resource` parameter, checked; a mistake is a `TypeError`. */
export function resourceValues(value: unknown): string[] {
  return [value].flat().map((item) => expectAbsoluteUri(item, "resource", "RFC 8707 §2"));
}
