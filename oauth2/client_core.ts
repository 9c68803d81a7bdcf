/**
 * The half of `OAuth2Client` that holds the client's state and obtains tokens: the checked
 * options, the token and its single-flight refresh, the authorization URL and every grant.
 * `client.ts` adds discovery, revocation, introspection and protected requests; the state is
 * shared through {@linkcode stateOf}, which only this folder imports.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { withDeadline } from "../_deadline.ts";
import { type FetchLike, send } from "../_send.ts";
import { expectNonEmptyString, typeOf } from "../_transport.ts";
import { buildAuthorizationUrl } from "./authorization.ts";
import { type AuthorizationServerMetadata, discoverMetadata } from "./discovery.ts";
import { OAuthError } from "../errors.ts";
import { type IdTokenClaims, type IdTokenExpectations, validateIdToken } from "./id_token.ts";
import { JwksCache } from "./jwks.ts";
import { pushAuthorizationRequest } from "./par.ts";
import { DPoPProver, dpopSend } from "./dpop.ts";
import { type EndpointCall, endpointUrl } from "./endpoint_request.ts";
import { grantParameters, refreshCall, tokenCall } from "./grants.ts";
import { hookedSend } from "./hooked_send.ts";
import { type FragmentOptions, tokenInFragment } from "./implicit.ts";
import { type OAuth2ClientOptions, type ResolvedOptions, resolveOAuth2Options } from "./options.ts";
import { type RefreshRequest, TokenKeeper } from "./token_keeper.ts";
import { requestToken } from "./token_request.ts";
import type {
  AuthorizationRequest,
  AuthorizationUrlParams,
  Token,
  TokenRequest,
  WithSignal,
} from "./types.ts";

/** What the two halves of the client share. */
export interface ClientState {
  options: ResolvedOptions;
  keeper: TokenKeeper;
  send: FetchLike;
  /** The issuer's keys, once an ID token needed them. */
  jwks?: JwksCache;
  /** The claims of the last ID token validated. */
  idTokenClaims?: IdTokenClaims;
  /** The DPoP key and nonces, when tokens are bound to a key (RFC 9449). */
  dpop?: DPoPProver;
}

let readState: (client: OAuth2ClientCore) => ClientState;

/** The state of a client; a `TypeError` for anything that is not one. */
export function stateOf(client: OAuth2ClientCore): ClientState {
  if (!(client instanceof OAuth2ClientCore)) {
    throw new TypeError(`an OAuth2Client method was called on ${typeOf(client)}`);
  }
  return readState(client);
}

/**
 * Sends a token request through the client's hooks (and with DPoP proofs when the client has a
 * key) and reads the token, within the deadline. A client with a DPoP key takes only DPoP
 * tokens: a Bearer token would be sent unbound (`dpop_downgrade`).
 */
export async function requestTokenWith(state: ClientState, call: EndpointCall): Promise<Token> {
  const { dpop } = state;
  if (dpop === undefined) {
    return await requestToken(
      state.options,
      call,
      hookedSend(state.send, state.options.allowInsecureRequests),
    );
  }
  const tokenTypes = [...call.tokenTypes ?? ["bearer"], "dpop"];
  const send = dpopSend(hookedSend(state.send, state.options.allowInsecureRequests), dpop);
  const token = await requestToken(state.options, { ...call, tokenTypes }, send);
  if (token.token_type.toLowerCase() === "bearer") {
    throw new OAuthError("dpop_downgrade", "the server issued a Bearer token to a DPoP client");
  }
  return token;
}

/** Whether a refresh is possible: a held refresh token and a token endpoint to spend it at. */
export function canRefresh(state: ClientState): boolean {
  return state.keeper.token?.refresh_token !== undefined &&
    state.options.endpoints.tokenEndpoint !== undefined;
}

/**
 * Validates the ID token of a token response and keeps its claims (OpenID Connect Core
 * §3.1.3.7; §12.2 after a refresh). A response without one is refused when a nonce was sent,
 * as the authorization request was then for OpenID Connect.
 */
async function acceptIdToken(
  state: ClientState,
  token: Token,
  context: Pick<IdTokenExpectations, "nonce" | "code" | "original">,
): Promise<void> {
  if (token.id_token === undefined) {
    if (context.nonce === undefined) return;
    throw new OAuthError(
      "invalid_response",
      "the token response has no id_token, though the authorization request had a nonce",
    );
  }
  const { options } = state;
  if (options.issuer === undefined) {
    throw new TypeError("an ID token came back: checking it needs the issuer option (or discover)");
  }
  state.jwks ??= new JwksCache(
    await jwksUri(options, options.issuer),
    state.send,
    options.now,
    options.timeout,
    options.allowInsecureRequests,
  );
  state.idTokenClaims = await validateIdToken(token.id_token, state.jwks, {
    ...context,
    issuer: options.issuer,
    clientId: options.clientId,
    accessToken: token.access_token,
    now: options.now(),
    clockTolerance: options.clockTolerance,
  });
}

/** The configured or discovered `jwks_uri`; discovery runs only when neither is known. */
async function jwksUri(options: ResolvedOptions, issuer: string): Promise<string> {
  const uri = options.endpoints.jwksUri ??
    (await discoverMetadata(issuer, {
      fetch: options.fetch,
      timeout: options.timeout,
      allowInsecureRequests: options.allowInsecureRequests,
    })).jwks_uri;
  if (uri === undefined) throw new TypeError("checking an ID token needs the jwksUri option");
  return uri;
}

/** The token to use now: the held one, refreshed first when it is (nearly) expired. */
export function currentToken(client: OAuth2ClientCore): Promise<Token> {
  const state = stateOf(client);
  const { now, refreshLeeway } = state.options;
  return state.keeper.usable(
    now(),
    refreshLeeway,
    (expired) =>
      canRefresh(state)
        ? state.keeper.refresh(undefined, refreshRequest(state), expired)
        : undefined,
  );
}

/**
 * Refreshes `rejected` (a token a resource server refused), unless the store holds another by
 * the time this instance has the lock: then a sibling or another caller refreshed already.
 */
export function refreshRejected(client: OAuth2ClientCore, rejected: Token): Promise<Token> {
  const state = stateOf(client);
  return state.keeper.refresh(undefined, refreshRequest(state), rejected);
}

/**
 * The token request of a refresh. An ID token held without a known issuer is refused before
 * the refresh token is spent: the answer's ID token could not be checked, and the rotated
 * refresh token would be lost with it. The answer's ID token is checked against the first
 * one (OpenID Connect Core §12.2).
 */
function refreshRequest(state: ClientState): RefreshRequest {
  return {
    prepare: (held) => {
      if (held?.id_token !== undefined && state.options.issuer === undefined) {
        throw new TypeError(
          "the token holds an ID token, and the refreshed one could not be checked without the issuer option (or discover): nothing was sent",
        );
      }
    },
    send: (value, signal) =>
      requestTokenWith(state, { ...refreshCall(value, state.options.hooks), signal }),
    accept: (token) => acceptIdToken(state, token, { original: state.idTokenClaims ?? {} }),
  };
}

/**
 * The state and the token-obtaining methods of {@linkcode OAuth2Client}, which extends it with
 * the rest: create an `OAuth2Client`, not this.
 */
export class OAuth2ClientCore extends SecretFree {
  readonly #state: ClientState;

  static {
    readState = (client) => client.#state;
  }

  /**
   * Creates a client; every option is checked here, and a mistake is a `TypeError`.
   *
   * @param options endpoints, client credentials and authentication, injectable edges
   */
  constructor(options: OAuth2ClientOptions) {
    super();
    const resolved = resolveOAuth2Options(options);
    this.#state = {
      options: resolved,
      keeper: new TokenKeeper(resolved.store, resolved.token, resolved.onTokenUpdated),
      send: (request) => send(resolved.fetch, request),
      dpop: resolved.dpop && new DPoPProver(resolved.dpop, resolved.now),
    };
  }

  /** The server's metadata, when the client was discovered or given it. */
  get metadata(): AuthorizationServerMetadata | undefined {
    return stateOf(this).options.metadata;
  }

  /** The claims of the last ID token the client validated (a copy), or `undefined`. */
  get idTokenClaims(): IdTokenClaims | undefined {
    const claims = stateOf(this).idTokenClaims;
    return claims && { ...claims };
  }

  /** The current token (a copy), or `undefined`. */
  get token(): Token | undefined {
    const token = stateOf(this).keeper.token;
    return token && { ...token };
  }

  /** Whether the client holds an access token. */
  get authorized(): boolean {
    return stateOf(this).keeper.token !== undefined;
  }

  /**
   * The URL to send the user to (RFC 6749 §4.1.1), with a random `state`, a PKCE challenge
   * (S256 by default) and, for `openid`, a `nonce`. Keep `state` and `codeVerifier` for the
   * callback. Other members of `params` are sent as query parameters; they cannot replace the
   * ones the client sets. With PAR (`par: true`, the client's `par` option, or metadata that
   * requires it) the parameters are pushed first (RFC 9126) and the URL carries only
   * `client_id` and `request_uri`.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({ clientId: "app", authorizationEndpoint: "https://as.example/authorize" });
   * const { url, state, codeVerifier } = await client.authorizationUrl({ scope: "read", prompt: "consent" });
   * assert.equal(url.searchParams.get("state"), state);
   * assert.equal(url.searchParams.get("prompt"), "consent");
   * assert.match(codeVerifier!, /^[A-Za-z0-9_-]{43}$/);
   * ```
   */
  async authorizationUrl(params?: AuthorizationUrlParams): Promise<AuthorizationRequest> {
    const call = { endpoint: "authorizationEndpoint", operation: "authorizationUrl" } as const;
    const { options, send } = stateOf(this);
    const authorizationEndpoint = endpointUrl(options, call);
    const built = await buildAuthorizationUrl({ ...options, authorizationEndpoint }, params);
    const par = params?.par ??
      (options.par || options.metadata?.require_pushed_authorization_requests === true);
    if (!par) return built;
    return await pushAuthorizationRequest(
      options,
      built,
      hookedSend(send, options.allowInsecureRequests),
      params?.signal,
    );
  }

  /**
   * Obtains a token with the grant asked for by name: `{ authorizationResponse, state,
   * codeVerifier }` checks the callback (state, then `iss`, then `error`) before any request;
   * `{ code, codeVerifier }`; `{ grantType: "client_credentials" | "password" |
   * "urn:ietf:params:oauth:grant-type:jwt-bearer" | any URI, ...params }`.
   *
   * @example The client credentials grant
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "service",
   *   clientSecret: "secret",
   *   tokenEndpoint: "https://as.example/token",
   *   fetch: async (request) => {
   *     assert.equal(new URLSearchParams(await request.text()).get("scope"), "reports:read");
   *     return Response.json({ access_token: "at", token_type: "Bearer" });
   *   },
   * });
   * const token = await client.fetchToken({ grantType: "client_credentials", scope: "reports:read" });
   * assert.equal(token.access_token, "at");
   * ```
   */
  async fetchToken(request: TokenRequest): Promise<Token> {
    const state = stateOf(this);
    const parameters = grantParameters(request, state.options);
    const given = "nonce" in request ? request.nonce : undefined;
    const nonce = given === undefined ? undefined : expectNonEmptyString(given, "nonce");
    const call = tokenCall(parameters, state.options.hooks, request.signal);
    const token = await requestTokenWith(state, call);
    const code = parameters.find(([name]) => name === "code")?.[1];
    await acceptIdToken(state, token, { nonce, code });
    await state.keeper.replace(token);
    return { ...token };
  }

  /**
   * Refreshes the access token (RFC 6749 §6) with the given refresh token or the client's.
   * Concurrent calls for the client's refresh token share one request. A response without a
   * new refresh token keeps the old one; a new one replaces it (rotation).
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   tokenEndpoint: "https://as.example/token",
   *   token: { access_token: "old", token_type: "Bearer", refresh_token: "r1" },
   *   fetch: () => Promise.resolve(Response.json({ access_token: "new", token_type: "Bearer", refresh_token: "r2" })),
   * });
   * const [a, b] = await Promise.all([client.refreshToken(), client.refreshToken()]);
   * assert.equal(a.access_token, "new");
   * assert.deepEqual(a, b);
   * assert.equal(client.token?.refresh_token, "r2");
   * ```
   */
  async refreshToken(refreshToken?: string, options: WithSignal = {}): Promise<Token> {
    if (refreshToken !== undefined) expectNonEmptyString(refreshToken, "refreshToken");
    const state = stateOf(this);
    const request = refreshRequest(state);
    // The caller's signal ends its own wait; a refresh shared with other callers goes on.
    return await withDeadline(0, options.signal, async () => {
      // What the store holds as the caller asks: only a refresh by another instance after
      // this moment spares this one (a new client has seen nothing yet).
      const seen = refreshToken === undefined ? await state.keeper.read() : state.keeper.token;
      return await state.keeper.refresh(refreshToken, request, seen);
    });
  }

  /**
   * Takes the token from an implicit-grant redirect's fragment (RFC 6749 §4.2.2), for legacy
   * providers. The `state` you sent is checked first (or say `skipStateCheck: true`).
   * `onTokenUpdated` is not called: the token is returned here.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({ clientId: "app" });
   * const token = client.tokenFromFragment(
   *   "https://app.example/cb#access_token=at&token_type=bearer&expires_in=60&state=s1",
   *   { state: "s1" },
   * );
   * assert.equal(token.access_token, "at");
   * ```
   */
  tokenFromFragment(url: string | URL, options: FragmentOptions = {}): Token {
    const { options: resolved, keeper } = stateOf(this);
    const token = tokenInFragment(url, resolved.now(), options);
    keeper.set(token);
    return { ...token };
  }

  /** A summary without secrets or tokens, for logs. */
  toJSON(): Record<string, unknown> {
    const { clientId, clientAuthentication, issuer } = stateOf(this).options;
    return { clientId, clientAuthentication, issuer, authorized: this.authorized };
  }
}
