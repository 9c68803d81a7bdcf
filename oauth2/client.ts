/**
 * `OAuth2Client`: every grant, client authentication and token operation of RFC 6749 and its
 * extensions. The class holds the client's state (its checked options, its token keeper, its
 * DPoP key and the last ID token's claims) in one private field; each method is a thin shell
 * over the concept module that answers its question (`authorization.ts`, `grants.ts`,
 * `refresh.ts`, `protected_resource.ts`, `revoke_and_introspect.ts`, `device.ts`, …).
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { withDeadline } from "../_deadline.ts";
import { type FetchLike, send } from "../_send.ts";
import { networkError } from "../_network_error.ts";
import { randomBase64url } from "../_random.ts";
import { expectNonEmptyString } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { endpointUrl, hookedSend, readJsonObject, sendToEndpoint } from "./_endpoint.ts";
import { dpopSigner } from "./_jwt_signing.ts";
import { buildAuthorizationUrl, pushAuthorizationRequest } from "./authorization.ts";
import { type FragmentOptions, isRequestLike, readCallback, tokenInFragment } from "./callback.ts";
import type { DeviceAuthorization, DeviceAuthorizationParams, PollOptions } from "./device.ts";
import type { AuthorizationServerMetadata, DiscoveryOptions } from "./discovery.ts";
import type { DPoPProver } from "./dpop.ts";
import { DEVICE_CODE_GRANT, grantParameters, tokenCall } from "./grants.ts";
import type { IdTokenClaims, JwksCache } from "./id_token.ts";
import { buildEndSessionUrl, type EndSessionParams } from "./logout.ts";
import { type OAuth2ClientOptions, type ResolvedOptions, resolveOAuth2Options } from "./options.ts";
import type { Profile, ProfileOptions } from "./profile.ts";
import { fetchProtected, signWithToken } from "./protected_resource.ts";
import {
  canRefresh,
  currentToken,
  refreshRejected,
  refreshRequest,
  TokenKeeper,
} from "./refresh.ts";
import { requestTokenWith } from "./token_request.ts";
import type {
  AuthorizationRequest,
  AuthorizationUrlParams,
  IntrospectionResponse,
  Token,
  TokenRequest,
  WithSignal,
} from "./types.ts";

export type { OAuth2ClientOptions } from "./options.ts";
export type { WithSignal } from "./types.ts";

/** What a client holds: everything its methods share, and nothing outside sees. */
interface ClientState {
  readonly options: ResolvedOptions;
  readonly keeper: TokenKeeper;
  readonly send: FetchLike;
  /** The DPoP key's prover and nonces, once tokens bound to a key (RFC 9449) were used. */
  dpop?: DPoPProver;
  /** The issuer's keys, once an ID token needed them. */
  jwks?: JwksCache;
  /** The claims of the last ID token validated. */
  idTokenClaims?: IdTokenClaims;
}

/**
 * An OAuth 2.0 client: the authorization code flow with PKCE, every other grant by name,
 * refresh (single-flight, with rotation), revocation, introspection and signed requests.
 *
 * @example The authorization code flow
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * // A stand-in for the authorization server, so the example runs offline.
 * const server = () =>
 *   Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer", expires_in: 3600, refresh_token: "rt" }));
 *
 * const client = new OAuth2Client({
 *   clientId: "my-app",
 *   clientSecret: "my-secret",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 *   redirectUri: "https://app.example/callback",
 *   scope: ["openid", "profile"],
 *   fetch: server,
 * });
 * const { url, state, codeVerifier } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("code_challenge_method"), "S256");
 *
 * // The user comes back to the redirect URI:
 * const token = await client.fetchToken({
 *   authorizationResponse: `https://app.example/callback?code=abc&state=${state}`,
 *   state,
 *   codeVerifier,
 * });
 * assert.equal(token.access_token, "at");
 * assert.ok(client.authorized);
 * ```
 */
export class OAuth2Client extends SecretFree {
  readonly #state: ClientState;

  /**
   * Creates a client; every option is checked here, and a mistake is a `TypeError`.
   *
   * @param options endpoints, client credentials and authentication, injectable edges
   */
  constructor(options: OAuth2ClientOptions) {
    super();
    const resolved = resolveOAuth2Options(options);
    // Checked now; the prover that signs with it loads on first use (dpop.ts).
    if (resolved.dpop !== undefined) dpopSigner(resolved.dpop);
    this.#state = {
      options: resolved,
      keeper: new TokenKeeper(resolved.store, resolved.token, resolved.onTokenUpdated),
      send: (request) => send(resolved.fetch, request, networkError),
    };
  }

  /** The server's metadata, when the client was discovered or given it. */
  get metadata(): AuthorizationServerMetadata | undefined {
    return this.#state.options.metadata;
  }

  /** The claims of the last ID token the client validated (a copy), or `undefined`. */
  get idTokenClaims(): IdTokenClaims | undefined {
    const claims = this.#state.idTokenClaims;
    return claims && { ...claims };
  }

  /** The current token (a copy), or `undefined`. */
  get token(): Token | undefined {
    const token = this.#state.keeper.token;
    return token && { ...token };
  }

  /** Whether the client holds an access token. */
  get authorized(): boolean {
    return this.#state.keeper.token !== undefined;
  }

  /**
   * The URL to send the user to (RFC 6749 §4.1.1), with a random `state`, a PKCE challenge
   * (S256 by default) and, for `openid` or with the client's `nonce: true`, a `nonce`. Keep
   * `state`, `codeVerifier` and `nonce` for the callback. Other members of `params` are sent as
   * query parameters; they cannot replace the ones the client sets. With PAR (`par: true`,
   * the client's `par` option, or metadata that requires it) the parameters are pushed first
   * (RFC 9126) and the URL carries only `client_id` and `request_uri`.
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
    const { options, send } = this.#state;
    const authorizationEndpoint = endpointUrl(options, call);
    // `nonce: true`: a nonce also without openid (OpenID Connect Core §3.1.2.1), made here so
    // that buildAuthorizationUrl, shared with the functional code flow, stays as it is.
    const nonce = params?.nonce ?? (options.nonce ? randomBase64url(32) : undefined);
    const built = await buildAuthorizationUrl(
      { ...options, authorizationEndpoint },
      { ...options.authorizationParams, ...params, ...(nonce === undefined ? {} : { nonce }) },
    );
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
   * "refresh_token" | JWT_BEARER | TOKEN_EXCHANGE | DEVICE_CODE_GRANT |
   * "urn:ietf:params:oauth:grant-type:saml2-bearer", ...its parameters }`, each with its own
   * type; or an extension grant by its absolute URI, `{ grantType: "urn:…", ...params }`. A
   * misspelt grant type or parameter does not compile; a provider's extra parameters go in
   * `extraParams`.
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
  async fetchToken<T extends string = never>(request: TokenRequest<T>): Promise<Token> {
    if ("authorizationResponse" in request && isRequestLike(request.authorizationResponse)) {
      const authorizationResponse = await readCallback(request.authorizationResponse);
      return await this.fetchToken({ ...request, authorizationResponse } as TokenRequest<T>);
    }
    const state = this.#state;
    const { options } = state;
    let checkIss: ((iss: string | null) => void) | undefined;
    if (options.issuerTemplate !== undefined) {
      // Rarely used parts (here a multi-tenant issuer's) load on first use, not at a cold start.
      const { callbackIssuerCheck } = await import("./_rarely_used.ts");
      checkIss = callbackIssuerCheck(options.issuer, options.issuerTemplate);
    }
    const parameters = grantParameters(request, options, checkIss);
    const given = "nonce" in request ? request.nonce : undefined;
    const nonce = given === undefined ? undefined : expectNonEmptyString(given, "nonce");
    const code = parameters.find(([name]) => name === "code")?.[1];
    if (code !== undefined && nonce === undefined && state.options.nonce) {
      // Unchecked, the nonce binds nothing (OpenID Connect Core §3.1.3.7; RFC 9700 §4.5).
      throw new TypeError(
        "nonce is required with the client's nonce: true: pass the one authorizationUrl() returned",
      );
    }
    const call = tokenCall(parameters, state.options.hooks, request.signal);
    const token = await requestTokenWith(state, call);
    if (token.id_token !== undefined || nonce !== undefined) {
      // Only OpenID Connect has ID tokens.
      const { acceptIdToken } = await import("./_rarely_used.ts");
      await acceptIdToken(state, token, { nonce, code });
    }
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
    const state = this.#state;
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
    const { options: resolved, keeper } = this.#state;
    const token = tokenInFragment(url, resolved.now(), options);
    keeper.set(token);
    return { ...token };
  }

  /**
   * A client for the server at `issuer`, configured from its metadata (RFC 8414 or OpenID
   * Connect discovery, cached for 15 minutes): endpoints, PKCE, the client authentication the
   * server supports, and whether callbacks must carry `iss`. Options given here win.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = await OAuth2Client.discover("https://as.example", {
   *   clientId: "app",
   *   clientSecret: "secret",
   *   fetch: () =>
   *     Promise.resolve(Response.json({ issuer: "https://as.example", token_endpoint: "https://as.example/token" })),
   * });
   * assert.equal(client.metadata?.token_endpoint, "https://as.example/token");
   * ```
   */
  static async discover(
    issuer: string,
    options: OAuth2ClientOptions & Pick<DiscoveryOptions, "wellKnown" | "signal">,
  ): Promise<OAuth2Client> {
    const { wellKnown, signal, ...clientOptions } = options;
    const { discoverMetadata } = await import("./_rarely_used.ts");
    const metadata = await discoverMetadata(issuer, { ...clientOptions, wellKnown, signal });
    return clientWith({ ...clientOptions, metadata });
  }

  /**
   * Revokes a token (RFC 7009): the given one, or else the client's refresh token (which ends
   * the grant), or else its access token. Revoking the client's own token forgets it.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   revocationEndpoint: "https://as.example/revoke",
   *   token: { access_token: "at", token_type: "Bearer", refresh_token: "rt" },
   *   fetch: async (request) => {
   *     assert.equal(await request.text(), "token=rt&token_type_hint=refresh_token&client_id=app");
   *     return new Response(null, { status: 200 });
   *   },
   * });
   * await client.revokeToken();
   * assert.equal(client.authorized, false);
   * ```
   */
  async revokeToken(
    token?: string,
    tokenTypeHint?: string,
    options: WithSignal = {},
  ): Promise<void> {
    const { chooseToken, revoke } = await import("./_rarely_used.ts");
    const state = this.#state;
    const held = await state.keeper.read();
    const [value, hint] = chooseToken(held, "revokeToken", token, tokenTypeHint, "refresh_token");
    await revoke(state.options, state.send, value, hint, options.signal);
    if (held && (value === held.access_token || value === held.refresh_token)) {
      state.keeper.set(undefined);
      await state.keeper.settle(); // the store has forgotten it before revokeToken returns
    }
  }

  /**
   * Asks the authorization server about a token (RFC 7662): by default the access token.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   clientSecret: "secret",
   *   introspectionEndpoint: "https://as.example/introspect",
   *   fetch: () => Promise.resolve(Response.json({ active: true, scope: "read" })),
   * });
   * const about = await client.introspectToken("some-token");
   * assert.equal(about.active, true);
   * ```
   */
  async introspectToken(
    token?: string,
    tokenTypeHint?: string,
    options: WithSignal = {},
  ): Promise<IntrospectionResponse> {
    const { chooseToken, introspect } = await import("./_rarely_used.ts");
    const { options: resolved, keeper, send } = this.#state;
    const held = await keeper.read();
    const [value, hint] = chooseToken(
      held,
      "introspectToken",
      token,
      tokenTypeHint,
      "access_token",
    );
    return await introspect(resolved, send, value, hint, options.signal);
  }

  /**
   * A copy of the request carrying the access token (header, query or form body, per
   * `tokenPlacement`). An expired token is refreshed first when a refresh token and a token
   * endpoint exist; otherwise it is `token_expired`.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({ clientId: "app", token: { access_token: "at", token_type: "bearer" } });
   * const signed = await client.sign(new Request("https://api.example/me"));
   * assert.equal(signed.headers.get("authorization"), "Bearer at");
   * ```
   */
  async sign(request: Request): Promise<Request> {
    const state = this.#state;
    const { tokenPlacement, hooks, allowInsecureRequests, dpop } = state.options;
    let prover: DPoPProver | undefined;
    if (dpop !== undefined) {
      const { proverOf } = await import("./_rarely_used.ts");
      prover = proverOf(state, dpop);
    }
    return await signWithToken(
      request,
      () => currentToken(state),
      tokenPlacement,
      hooks.protectedRequest,
      prover,
      allowInsecureRequests,
    );
  }

  /**
   * Signs and sends a request, with the arguments of the global `fetch`. Redirects are
   * followed safely: the token goes again only to the same origin; https to http is refused.
   * A `401` with a Bearer `invalid_token` challenge makes one refresh and one retry of an
   * idempotent request.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   token: { access_token: "at", token_type: "Bearer" },
   *   fetch: (request) => Promise.resolve(Response.json({ auth: request.headers.get("authorization") })),
   * });
   * const response = await client.fetch("https://api.example/me");
   * assert.deepEqual(await response.json(), { auth: "Bearer at" });
   * ```
   */
  async fetch(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const state = this.#state;
    const { options } = state;
    const request = new Request(input, init);
    let send = state.send;
    let asksForNonce: ((response: Response) => boolean) | undefined;
    if (options.dpop !== undefined) {
      const { proverOf, rememberingNonces, resourceAsksForNonce } = await import(
        "./_rarely_used.ts"
      );
      // With DPoP, every response may carry the server's next nonce.
      send = rememberingNonces(send, proverOf(state, options.dpop));
      asksForNonce = resourceAsksForNonce;
    }
    return await fetchProtected(request, {
      timeout: options.timeout,
      crossOriginRedirect: options.crossOriginRedirect,
      sign: (request) => this.sign(request),
      send,
      asksForNonce,
      token: () => state.keeper.token,
      canRefresh: () => canRefresh(state),
      refresh: (rejected) => refreshRejected(this.#state, rejected),
    });
  }

  /**
   * The signed-in user's claims from the OpenID Connect userinfo endpoint (Core §5.3), asked
   * with the client's token (refreshed first when expired). When an ID token was validated,
   * the `sub` must be the same (§5.3.4): `userinfo_sub_mismatch` otherwise.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   userinfoEndpoint: "https://as.example/me",
   *   token: { access_token: "at", token_type: "Bearer" },
   *   fetch: () => Promise.resolve(Response.json({ sub: "alice", name: "Alice" })),
   * });
   * assert.equal((await client.userinfo()).name, "Alice");
   * ```
   */
  async userinfo(options: WithSignal = {}): Promise<Record<string, unknown>> {
    const state = this.#state;
    const call = { endpoint: "userinfoEndpoint", operation: "userinfo" } as const;
    const request = new Request(endpointUrl(state.options, call), {
      headers: { accept: "application/json" },
      signal: options.signal,
    });
    const claims = await readJsonObject(
      await this.fetch(request),
      request,
      "the userinfo endpoint",
    );
    const expected = state.idTokenClaims?.sub;
    if (typeof claims.sub !== "string" || (expected !== undefined && claims.sub !== expected)) {
      throw new OAuthError(
        "userinfo_sub_mismatch",
        "the userinfo response is not about the user of the ID token (sub differs or is missing)",
      );
    }
    return claims;
  }

  /**
   * The signed-in user as a {@linkcode Profile}: read by the `profile` option (a provider
   * preset's reader) with the client's token, refreshed when needed; without one, from OpenID
   * Connect's standard claims (`sub`, `email`, `email_verified`, `name`, `picture`) of the
   * userinfo endpoint, or else of the ID token the client validated. A client made from a stored
   * token has validated none: pass the login's claims as `options.idTokenClaims`.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "app",
   *   userinfoEndpoint: "https://as.example/me",
   *   token: { access_token: "at", token_type: "Bearer" },
   *   fetch: () => Promise.resolve(Response.json({ sub: "alice", email: "alice@example.com", email_verified: true })),
   * });
   * const profile = await client.profile();
   * assert.equal(profile.id, "alice");
   * assert.equal(profile.emailVerified, true);
   * ```
   */
  async profile(options: ProfileOptions = {}): Promise<Profile> {
    const state = this.#state;
    const { readProfile } = await import("./_rarely_used.ts");
    return await readProfile(state.options.profile, {
      fetch: (request) => this.fetch(request),
      userinfo: (userinfoOptions) => this.userinfo(userinfoOptions),
      hasUserinfo: state.options.endpoints.userinfoEndpoint !== undefined,
      idTokenClaims: this.idTokenClaims,
    }, options);
  }

  /**
   * Starts the device authorization grant (RFC 8628 §3.1): the codes to show the user, checked
   * (§3.2). Then call {@linkcode OAuth2Client.pollDeviceToken} while the user approves.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({
   *   clientId: "tv-app",
   *   deviceAuthorizationEndpoint: "https://as.example/device",
   *   fetch: () => Promise.resolve(Response.json({
   *     device_code: "dc", user_code: "WDJB-MJHT", verification_uri: "https://as.example/activate", expires_in: 600,
   *   })),
   * });
   * const device = await client.deviceAuthorization({ scope: "read" });
   * assert.equal(device.user_code, "WDJB-MJHT");
   * assert.equal(device.interval, 5);
   * ```
   */
  async deviceAuthorization(params: DeviceAuthorizationParams = {}): Promise<DeviceAuthorization> {
    const { deviceParameters, readDeviceAuthorization } = await import("./_rarely_used.ts");
    const { options: resolved, send } = this.#state;
    const { signal, ...rest } = params;
    const call = {
      endpoint: "deviceAuthorizationEndpoint",
      operation: "deviceAuthorization",
      parameters: deviceParameters(rest, resolved.scope),
    } as const;
    return await withDeadline(resolved.timeout, signal, async (bounded) => {
      const exchange = await sendToEndpoint(
        resolved,
        { ...call, signal: bounded },
        hookedSend(send, resolved.allowInsecureRequests),
      );
      const { request, response, secrets } = exchange;
      const body = await readJsonObject(
        response,
        request,
        "the device authorization endpoint",
        secrets,
      );
      return readDeviceAuthorization(body, resolved.now(), resolved.allowInsecureRequests);
    });
  }

  /**
   * Polls the token endpoint until the user approves the device (RFC 8628 §3.4, §3.5):
   * `authorization_pending` waits `interval` seconds, `slow_down` adds 5 seconds for good;
   * a refusal, the codes' expiry or the signal ends it. The token is kept, as `fetchToken` does.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const answers = [{ error: "authorization_pending" }, { access_token: "at", token_type: "Bearer" }];
   * const client = new OAuth2Client({
   *   clientId: "tv-app",
   *   tokenEndpoint: "https://as.example/token",
   *   fetch: () => {
   *     const body = answers.shift()!;
   *     return Promise.resolve(Response.json(body, { status: "error" in body ? 400 : 200 }));
   *   },
   * });
   * const device = { device_code: "dc", user_code: "U", verification_uri: "https://as.example/a", expires_in: 600, interval: 0, expires_at: Date.now() / 1000 + 600 };
   * const token = await client.pollDeviceToken(device);
   * assert.equal(token.access_token, "at");
   * ```
   */
  async pollDeviceToken(
    authorization: DeviceAuthorization,
    options: PollOptions = {},
  ): Promise<Token> {
    const { device_code } = authorization ?? {};
    if (typeof device_code !== "string" || device_code === "") {
      throw new TypeError(
        "pollDeviceToken needs the DeviceAuthorization that deviceAuthorization returned",
      );
    }
    const { signal } = options;
    const { pollForToken, sleep } = await import("./_rarely_used.ts");
    return await pollForToken(authorization, {
      request: () => this.fetchToken({ grantType: DEVICE_CODE_GRANT, device_code, signal }),
      now: this.#state.options.now,
      sleep: options.sleep ?? sleep,
      signal,
    });
  }

  /**
   * The URL to send the browser to, to log the user out at the provider too (OpenID Connect
   * RP-Initiated Logout 1.0 §2): the end-session endpoint (`endSessionEndpoint`, or the
   * metadata's `end_session_endpoint`) with `id_token_hint`, `post_logout_redirect_uri`,
   * `state`, `client_id`, `ui_locales` and `logout_hint` as given. `client_id` is added on its
   * own when a post-logout redirect URI goes without an ID token hint, so that the provider can
   * check the URI (§3). Without an endpoint it is `end_session_unsupported`.
   *
   * @example
   * ```ts
   * import { OAuth2Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth2Client({ clientId: "app", endSessionEndpoint: "https://as.example/logout" });
   * const url = client.endSessionUrl({
   *   idTokenHint: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", // the login's id_token
   *   postLogoutRedirectUri: "https://app.example/logged-out",
   *   state: "s1",
   * });
   * assert.equal(url.searchParams.get("post_logout_redirect_uri"), "https://app.example/logged-out");
   * assert.equal(url.searchParams.get("state"), "s1");
   * ```
   */
  endSessionUrl(params: EndSessionParams = {}): URL {
    const { clientId, endpoints } = this.#state.options;
    return buildEndSessionUrl(endpoints.endSessionEndpoint, clientId, params);
  }

  /** A summary without secrets or tokens, for logs. */
  toJSON(): Record<string, unknown> {
    const { clientId, clientAuthentication, issuer } = this.#state.options;
    return { clientId, clientAuthentication, issuer, authorized: this.authorized };
  }
}

/**
 * `new OAuth2Client(options)`, outside the class's body: a bundler that meets the class's own name
 * in its body renames the class (`class _OAuth2Client`), which `String(client)` would show.
 */
function clientWith(options: OAuth2ClientOptions): OAuth2Client {
  return new OAuth2Client(options);
}
