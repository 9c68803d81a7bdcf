/**
 * Obtaining a token: the parameters of each grant's token request (RFC 6749 §4.1.3, §4.3.2,
 * §4.4.2, §6; RFC 7523 §2.1; RFC 7636 §4.5) and the request itself (RFC 6749 §3.2), read as a
 * token response; the client sends it through `token_request.ts`. Each grant is asked for by
 * name; nothing is guessed from which arguments happen to be present.
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import { OAuthError } from "../errors.ts";
import { expectNonEmptyString, expectObject, typeOf } from "../_transport.ts";
import { callbackUrl } from "../_callback.ts";
import {
  assertCodeVerifier,
  assertRedirectUri,
  extraParameters,
  resourceValues,
  scopeString,
} from "./authorization.ts";
import { checkAuthorizationResponse } from "./callback.ts";
import type { Hooks } from "../_hooks.ts";
import {
  type EndpointCall,
  type EndpointOptions,
  type EndpointSend,
  readJsonObject,
  sendToEndpoint,
} from "./_endpoint.ts";
import type { ResolvedOptions } from "./options.ts";
import type { Token, TokenRequest } from "./types.ts";
import { withDeadline } from "../_deadline.ts";
import { validateTokenResponse } from "./token.ts";

/**
 * The grant type of the RFC 7523 JWT bearer grant.
 *
 * @example
 * ```ts
 * import { JWT_BEARER } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(JWT_BEARER, "urn:ietf:params:oauth:grant-type:jwt-bearer");
 * ```
 */
export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The grant type of RFC 8628 §3.4. */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

// Credentials are the client authentication's business, never a grant parameter.
const RESERVED = new Set([
  "grant_type",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
]);
// Members of a named grant that are not sent as parameters.
const NOT_PARAMETERS = new Set(["grantType", "scope", "signal", "extraParams"]);
const NO_MEMBERS = new Set<string>();
// What a code redemption sends itself (RFC 6749 §4.1.3, RFC 7636 §4.5, RFC 8707 §2.2).
const CODE_PARAMETERS = new Set([
  "grant_type",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  "code",
  "code_verifier",
  "redirect_uri",
  "resource",
]);
/**
 * The grant type of RFC 8693 token exchange; its parameters (`subject_token`,
 * `subject_token_type`, `actor_token`, `requested_token_type`, `audience`, `resource`) are
 * passed by name, with the token type URIs of {@linkcode TOKEN_TYPES}.
 *
 * @example
 * ```ts
 * import { OAuth2Client, TOKEN_EXCHANGE, TOKEN_TYPES } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   clientId: "gateway",
 *   clientSecret: "secret",
 *   tokenEndpoint: "https://as.example/token",
 *   fetch: () => Promise.resolve(Response.json({
 *     access_token: "downstream", token_type: "Bearer", issued_token_type: TOKEN_TYPES.accessToken,
 *   })),
 * });
 * const token = await client.fetchToken({
 *   grantType: TOKEN_EXCHANGE,
 *   subject_token: "upstream",
 *   subject_token_type: TOKEN_TYPES.accessToken,
 *   audience: "https://backend.example",
 * });
 * assert.equal(token.issued_token_type, TOKEN_TYPES.accessToken);
 * ```
 */
export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

/**
 * The token type identifiers of RFC 8693 §3.
 *
 * @example
 * ```ts
 * import { TOKEN_TYPES } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(TOKEN_TYPES.idToken, "urn:ietf:params:oauth:token-type:id_token");
 * ```
 */
export const TOKEN_TYPES = {
  accessToken: "urn:ietf:params:oauth:token-type:access_token",
  refreshToken: "urn:ietf:params:oauth:token-type:refresh_token",
  idToken: "urn:ietf:params:oauth:token-type:id_token",
  saml1: "urn:ietf:params:oauth:token-type:saml1",
  saml2: "urn:ietf:params:oauth:token-type:saml2",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
} as const;

// Keys spelt out rather than computed from the constants: a bundler keeps an object with
// computed keys even where nothing uses it.
const REQUIRED: Record<string, string[]> = {
  "urn:ietf:params:oauth:grant-type:token-exchange": ["subject_token", "subject_token_type"],
  password: ["username", "password"],
  "urn:ietf:params:oauth:grant-type:jwt-bearer": ["assertion"],
  "urn:ietf:params:oauth:grant-type:saml2-bearer": ["assertion"],
  refresh_token: ["refresh_token"],
};

/**
 * The token request parameters for `fetchToken(request)`, after every check it needs. `checkIss`
 * checks a callback's `iss` by a multi-tenant issuer's template, when one is in force
 * (`callbackIssuerCheck` of issuer_template.ts).
 */
export function grantParameters(
  grant: TokenRequest,
  options: ResolvedOptions,
  checkIss?: (iss: string | null) => void,
): ParameterList {
  if (typeof grant !== "object" || grant === null) {
    throw new TypeError(`fetchToken needs a grant object, got ${typeOf(grant)}`);
  }
  // Read as the caller may have sent it: the types hold only for a caller who compiled.
  const request = grant as Record<string, unknown>;
  const given = ["authorizationResponse", "code", "grantType"].filter((name) => name in request);
  if (given.length !== 1) {
    throw new TypeError(
      given.length === 0
        ? "fetchToken needs one of authorizationResponse, code or grantType"
        : `fetchToken got ${given.join(" and ")}: ask for one grant`,
    );
  }
  if ("authorizationResponse" in request) {
    assertOnly(request, [
      "authorizationResponse",
      "state",
      "codeVerifier",
      "redirectUri",
      "nonce",
      "resource",
      "extraParams",
      "signal",
    ]);
    if (typeof request.state !== "string" || request.state === "") {
      throw new TypeError(
        "fetchToken needs the state that authorizationUrl() returned with the callback URL",
      );
    }
    const code = checkAuthorizationResponse(
      callbackUrl(request.authorizationResponse, "authorizationResponse"),
      {
        state: request.state,
        issuer: checkIss ? undefined : options.issuer,
        issRequired: options.requireIss,
        checkIss,
      },
    );
    return withExtraParams(
      withResource(
        codeParameters(code, request.codeVerifier, request.redirectUri, options),
        request.resource,
      ),
      request.extraParams,
      CODE_PARAMETERS,
    );
  }
  if ("code" in request) {
    assertOnly(request, [
      "code",
      "codeVerifier",
      "redirectUri",
      "nonce",
      "resource",
      "extraParams",
      "signal",
    ]);
    const code = expectNonEmptyString(request.code, "code");
    return withExtraParams(
      withResource(
        codeParameters(code, request.codeVerifier, request.redirectUri, options),
        request.resource,
      ),
      request.extraParams,
      CODE_PARAMETERS,
    );
  }
  return namedGrantParameters(request, options);
}

/** RFC 8707 §2.2: the resources a code is redeemed for, after the code's own parameters. */
function withResource(parameters: ParameterList, resource: unknown): ParameterList {
  if (resource === undefined) return parameters;
  for (const value of resourceValues(resource)) parameters.push(["resource", value]);
  return parameters;
}

/** A `TypeError` for members a grant does not know (a `code_verifier` meant as `codeVerifier`). */
function assertOnly(request: object, known: string[]): void {
  const unknown = Object.keys(request).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new TypeError(
      `fetchToken does not know ${unknown} for this grant; it takes ${known.join(", ")}`,
    );
  }
}

function namedGrantParameters(
  request: Record<string, unknown>,
  options: ResolvedOptions,
): ParameterList {
  const grantType = expectNonEmptyString(request.grantType, "grantType");
  if (grantType === "authorization_code") {
    throw new TypeError(
      "fetchToken takes the authorization code grant as { authorizationResponse, state, " +
        "codeVerifier } or { code, codeVerifier }, not by grantType",
    );
  }
  // RFC 8693 §2.1: an actor token comes with its type.
  const required = [...REQUIRED[grantType] ?? []];
  if (grantType === TOKEN_EXCHANGE && request.actor_token !== undefined) {
    required.push("actor_token_type");
  }
  for (const name of required) {
    if (typeof request[name] !== "string" || request[name] === "") {
      throw new TypeError(`the ${grantType} grant needs ${name} as a non-empty string`);
    }
  }
  const parameters: ParameterList = [["grant_type", grantType]];
  // The client's scope goes with every grant that starts a new authorization (requests-oauthlib
  // drops it for password and client_credentials; RFC 6749 §4.3.2, §4.4.2 send it). A code or
  // refresh keeps the scope already granted unless one is asked for here.
  // The device code grant's scope was asked for with the device authorization (RFC 8628 §3.4).
  const keepsGrantedScope = ["refresh_token", DEVICE_CODE_GRANT].includes(grantType);
  const scope = request.scope !== undefined
    ? scopeString(request.scope as string | string[])
    : keepsGrantedScope
    ? undefined
    : options.scope;
  if (scope) parameters.push(["scope", scope]);
  const rules = {
    skip: NOT_PARAMETERS,
    reserved: RESERVED,
    refuse: (name: string) => `fetchToken cannot set ${name}: the client sends its own`,
    noun: "the grant parameter",
  };
  parameters.push(...extraParameters(request, rules));
  return withExtraParams(parameters, request.extraParams, RESERVED);
}

/**
 * A provider's own parameters (VK ID's `device_id`, Auth0's `audience`) after the grant's,
 * kept apart so that the types check the grant's; none may replace what the client sends.
 */
function withExtraParams(
  parameters: ParameterList,
  extraParams: unknown,
  reserved: Set<string>,
): ParameterList {
  if (extraParams === undefined) return parameters;
  expectObject(extraParams, "extraParams");
  parameters.push(...extraParameters(extraParams as Record<string, unknown>, {
    skip: NO_MEMBERS,
    reserved,
    refuse: (name: string) => `fetchToken cannot set ${name}: the client sends its own`,
    noun: "the grant parameter",
  }));
  return parameters;
}

function requireIssuedTokenType(token: Record<string, unknown>, status: number): void {
  if (typeof token.issued_token_type !== "string") {
    throw new OAuthError(
      "invalid_response",
      "expected issued_token_type to be a string (RFC 8693 §2.2.1)",
      { status },
    );
  }
}

/** The token request of a grant, with the access-token hooks. */
export function tokenCall(
  parameters: ParameterList,
  hooks: Hooks,
  signal?: AbortSignal,
): EndpointCall {
  const exchange = parameters.some(([name, value]) =>
    name === "grant_type" && value === TOKEN_EXCHANGE
  );
  return {
    endpoint: "tokenEndpoint",
    operation: "fetchToken",
    parameters,
    requestHooks: hooks.accessTokenRequest,
    responseHooks: hooks.accessTokenResponse,
    signal,
    // RFC 8693 §2.2.1: what an exchange issues need not be an access token (N_A), which the
    // client then holds but cannot present; it always names what it issued.
    ...(exchange ? { tokenTypes: ["bearer", "n_a"], checkToken: requireIssuedTokenType } : {}),
  };
}

/** The token request of a refresh (RFC 6749 §6), with the refresh hooks. */
export function refreshCall(refreshToken: string, hooks: Hooks): EndpointCall {
  return {
    endpoint: "tokenEndpoint",
    operation: "refreshToken",
    parameters: [["grant_type", "refresh_token"], ["refresh_token", refreshToken]],
    requestHooks: hooks.refreshTokenRequest,
    responseHooks: hooks.refreshTokenResponse,
  };
}

/** RFC 6749 §4.1.3 with RFC 7636 §4.5: the same redirect URI as the authorization request. */
export function codeParameters(
  code: string,
  codeVerifier: unknown,
  redirectUri: unknown,
  options: Pick<ResolvedOptions, "redirectUri" | "pkce">,
): ParameterList {
  const parameters: ParameterList = [["grant_type", "authorization_code"], ["code", code]];
  const redirect = redirectUri ?? options.redirectUri;
  if (redirect !== undefined) {
    assertRedirectUri(redirect, "redirectUri");
    parameters.push(["redirect_uri", redirect as string]);
  }
  if (codeVerifier !== undefined) {
    parameters.push(["code_verifier", assertCodeVerifier(codeVerifier)]);
  } else if (options.pkce !== false) {
    // Without the verifier the exchange fails at a PKCE server, or silently skips PKCE.
    throw new TypeError(
      "codeVerifier is required with PKCE: pass the one authorizationUrl() returned, or set pkce: false",
    );
  }
  return parameters;
}

/** Sends a token request and answers the token, or throws the typed error it came to. */
export function requestToken(
  options: EndpointOptions & { timeout: number },
  call: EndpointCall,
  send: EndpointSend,
): Promise<Token> {
  return withDeadline(options.timeout, call.signal, async (signal) => {
    const { request, response, secrets } = await sendToEndpoint(options, { ...call, signal }, send);
    const body = await readJsonObject(response, request, "the token endpoint", secrets);
    const token = validateTokenResponse(body, options.now(), response.status, call.tokenTypes);
    call.checkToken?.(token, response.status);
    return token;
  });
}
