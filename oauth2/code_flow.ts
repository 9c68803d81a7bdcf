/**
 * The authorization code flow with PKCE as three functions, for apps that want the smallest
 * bundle: no client object, no token store, only the code flow's own code. The checks are
 * `OAuth2Client`'s (state, RFC 9207 `iss`, PKCE, transport, typed errors); what needs the
 * client is left to it: JWT client authentication, hooks, revocation, protected requests.
 *
 * @module
 */
import { callbackUrl } from "../_callback.ts";
import { timeoutOption } from "../_deadline.ts";
import type { ParameterList } from "../_encoding.ts";
import { type FetchLike, send } from "../_send.ts";
import { expectNonEmptyString, expectObject, expectType, parseSecureUrl } from "../_transport.ts";
import {
  assertRedirectUri,
  buildAuthorizationUrl,
  type PkceMethod,
  pkceOption,
  scopeString,
} from "./authorization.ts";
import { checkAuthorizationResponse, checkIssuer } from "./callback.ts";
import { authenticateWithSecret } from "./client_auth.ts";
import { type EndpointOptions, type EndpointSend, plainSend } from "./_endpoint.ts";
import { codeParameters, requestToken } from "./grants.ts";
import type { AuthorizationRequest, AuthorizationUrlParams, Token } from "./types.ts";

/** The client and provider, for {@linkcode createAuthorizationUrl} and its companions. */
export interface CodeFlowOptions {
  /** The client identifier the authorization server issued. */
  clientId: string;
  /** With a secret the client authenticates with `client_secret_basic` unless told otherwise. */
  clientSecret?: string;
  /** How the client authenticates; the JWT methods need `OAuth2Client`. */
  clientAuthentication?: "client_secret_basic" | "client_secret_post" | "none";
  /** Where the browser is sent; https, or http on loopback. */
  authorizationEndpoint: string;
  /** Where the code and refresh token are redeemed; https, or http on loopback. */
  tokenEndpoint: string;
  /** The registered redirect URI, sent with both requests (RFC 6749 §4.1.3). */
  redirectUri: string;
  /** The authorization server's issuer: checked against `iss` on the callback (RFC 9207). */
  issuer?: string;
  /** The scope to ask for; a list is joined with spaces. */
  scope?: string | string[];
  /** Default `S256`. */
  pkce?: PkceMethod | false;
  /** Milliseconds for a whole token request; default 30 s, 0 for none. */
  timeout?: number;
  /** Injectable `fetch`; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** The clock, in milliseconds, for `expires_at`. */
  now?: () => number;
  /** Allow `http:` endpoints beyond loopback (development only); default `false`. */
  allowInsecureRequests?: boolean;
}

/** What the callback gave back, and what {@linkcode createAuthorizationUrl} returned. */
export interface CodeExchange {
  /** The URL the provider redirected the browser to. */
  authorizationResponse: string | URL;
  /** The `state` that `createAuthorizationUrl` returned for this browser. */
  state: string;
  /** The `codeVerifier` it returned; required unless `pkce: false`. */
  codeVerifier?: string;
  /** Aborts the token request. */
  signal?: AbortSignal;
}

// Every option, with the `typeof` it must have where that is the whole check.
const OPTION_TYPES: Record<keyof CodeFlowOptions, string> = {
  clientId: "",
  clientSecret: "string",
  clientAuthentication: "",
  authorizationEndpoint: "",
  tokenEndpoint: "",
  redirectUri: "",
  issuer: "",
  scope: "",
  pkce: "",
  timeout: "",
  fetch: "function",
  now: "function",
  allowInsecureRequests: "boolean",
};

interface ResolvedCodeFlow extends EndpointOptions {
  authorizationEndpoint: string;
  redirectUri: string;
  scope?: string;
  pkce: PkceMethod | false;
  timeout: number;
  send: EndpointSend;
}

/**
 * Checks the options as `OAuth2Client` does; a mistake is a `TypeError` naming the option. The
 * authorization endpoint is checked where it is used, by `buildAuthorizationUrl`.
 */
function resolve(options: CodeFlowOptions): ResolvedCodeFlow {
  expectObject(options, "the code flow options");
  for (const [name, value] of Object.entries(options)) {
    if (!Object.hasOwn(OPTION_TYPES, name)) {
      throw new TypeError(`unknown code flow option "${name}"`);
    }
    const type = OPTION_TYPES[name as keyof CodeFlowOptions];
    if (type) expectType(value, name, type);
  }
  expectNonEmptyString(options.clientId, "clientId");
  const allowInsecureRequests = options.allowInsecureRequests ?? false;
  const method = options.clientAuthentication ??
    (options.clientSecret ? "client_secret_basic" : "none");
  if (!["client_secret_basic", "client_secret_post", "none"].includes(method)) {
    throw new TypeError(
      `clientAuthentication must be client_secret_basic, client_secret_post or none here; ${method} needs OAuth2Client`,
    );
  }
  if ((method === "none") !== !options.clientSecret) {
    throw new TypeError(
      method === "none"
        ? 'clientSecret is not used by clientAuthentication "none"'
        : `clientAuthentication ${method} needs a non-empty clientSecret`,
    );
  }
  assertRedirectUri(options.redirectUri, "redirectUri");
  const pkce = pkceOption(options.pkce);
  const fetch = options.fetch;
  // clientId, clientSecret, redirectUri and authorizationEndpoint are taken as given, the
  // others as checked.
  return {
    ...options,
    clientAuthentication: method,
    authenticate: authenticateWithSecret,
    issuer: checkIssuer(options.issuer, allowInsecureRequests),
    allowInsecureRequests,
    endpoints: {
      tokenEndpoint: parseSecureUrl(
        options.tokenEndpoint,
        "tokenEndpoint",
        undefined,
        allowInsecureRequests,
      ).href,
    },
    scope: scopeString(options.scope),
    pkce,
    timeout: timeoutOption(options.timeout),
    now: options.now ?? Date.now,
    send: plainSend((request) => send(fetch, request)),
  };
}

/**
 * Starts the code flow: the URL to send the browser to, with a fresh `state` and PKCE
 * verifier (S256), and a `nonce` when the scope has `openid`. Keep `state` and
 * `codeVerifier` for {@linkcode exchangeAuthorizationCode}, bound to this browser.
 *
 * @example
 * ```ts
 * import { createAuthorizationUrl } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const { url, state, codeVerifier } = await createAuthorizationUrl({
 *   clientId: "app",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 *   redirectUri: "https://app.example/callback",
 * }, { scope: "read" });
 * assert.equal(url.searchParams.get("state"), state);
 * assert.match(codeVerifier!, /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export async function createAuthorizationUrl(
  options: CodeFlowOptions,
  params?: AuthorizationUrlParams,
): Promise<AuthorizationRequest> {
  return await buildAuthorizationUrl(resolve(options), params);
}

/**
 * Finishes the code flow: checks the callback (duplicates, then `state` in constant time, then
 * `iss`, then `error`), then redeems the code with the verifier. Nothing is sent when a check
 * fails.
 *
 * @example
 * ```ts
 * import { exchangeAuthorizationCode } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const token = await exchangeAuthorizationCode({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 *   redirectUri: "https://app.example/callback",
 *   fetch: () => Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" })),
 * }, {
 *   authorizationResponse: "https://app.example/callback?code=c&state=s",
 *   state: "s",
 *   codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
 * });
 * assert.equal(token.access_token, "at");
 * ```
 */
export async function exchangeAuthorizationCode(
  options: CodeFlowOptions,
  exchange: CodeExchange,
): Promise<Token> {
  const resolved = resolve(options);
  expectNonEmptyString(exchange?.state, "state, the one createAuthorizationUrl returned,");
  const code = checkAuthorizationResponse(
    callbackUrl(exchange.authorizationResponse, "authorizationResponse"),
    { ...resolved, state: exchange.state },
  );
  return await redeem(
    resolved,
    "exchangeAuthorizationCode",
    codeParameters(code, exchange.codeVerifier, undefined, resolved),
    exchange.signal,
  );
}

/**
 * Refreshes an access token (RFC 6749 §6). A response without a new refresh token keeps the
 * one given; a new one replaces it (rotation): store the result whole.
 *
 * @example
 * ```ts
 * import { refreshAccessToken } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const token = await refreshAccessToken({
 *   clientId: "app",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 *   redirectUri: "https://app.example/callback",
 *   fetch: () => Promise.resolve(Response.json({ access_token: "new", token_type: "Bearer" })),
 * }, "r1");
 * assert.deepEqual([token.access_token, token.refresh_token], ["new", "r1"]);
 * ```
 */
export async function refreshAccessToken(
  options: CodeFlowOptions,
  refreshToken: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Token> {
  const resolved = resolve(options);
  expectNonEmptyString(refreshToken, "refreshToken");
  const token = await redeem(
    resolved,
    "refreshAccessToken",
    [["grant_type", "refresh_token"], ["refresh_token", refreshToken]],
    signal,
  );
  token.refresh_token ??= refreshToken;
  return token;
}

/** One token request; `operation` names the function in messages. */
function redeem(
  resolved: ResolvedCodeFlow,
  operation: string,
  parameters: ParameterList,
  signal?: AbortSignal,
): Promise<Token> {
  const call = { endpoint: "tokenEndpoint", operation, parameters, signal } as const;
  return requestToken(resolved, call, resolved.send);
}
