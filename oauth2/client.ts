/**
 * `OAuth2Client`: every grant, client authentication and token operation of RFC 6749 and its
 * extensions, as a thin shell over the pure functions of this folder.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { withDeadline } from "../_deadline.ts";
import { send } from "../_send.ts";
import { typeOf } from "../_transport.ts";
import { buildAuthorizationUrl } from "./authorization.ts";
import { signWithToken } from "./bearer.ts";
import { fetchProtected } from "./protected_fetch.ts";
import { type EndpointCall, endpointUrl } from "./endpoint_request.ts";
import {
  type AuthorizationServerMetadata,
  discoverMetadata,
  type DiscoveryOptions,
} from "./discovery.ts";
import { hookedSend } from "./hooked_send.ts";
import { grantParameters, refreshCall, tokenCall } from "./grants.ts";
import { type FragmentOptions, tokenInFragment } from "./implicit.ts";
import { type OAuth2ClientOptions, type ResolvedOptions, resolveOAuth2Options } from "./options.ts";
import { requestToken } from "./token_request.ts";
import { TokenKeeper } from "./token_keeper.ts";
import { chooseToken, introspect, revoke } from "./token_operations.ts";
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
  readonly #options: ResolvedOptions;
  readonly #keeper: TokenKeeper;
  // A field, so that it can be handed on as it is.
  readonly #send = (request: Request): Promise<Response> => send(this.#options.fetch, request);

  /**
   * Creates a client; every option is checked here, and a mistake is a `TypeError`.
   *
   * @param options endpoints, client credentials and authentication, injectable edges
   */
  constructor(options: OAuth2ClientOptions) {
    super();
    this.#options = resolveOAuth2Options(options);
    this.#keeper = new TokenKeeper(this.#options.token, this.#options.onTokenUpdated);
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
    const metadata = await discoverMetadata(issuer, { ...clientOptions, wellKnown, signal });
    return new OAuth2Client({ ...clientOptions, metadata });
  }

  /** The server's metadata, when the client was discovered or given it. */
  get metadata(): AuthorizationServerMetadata | undefined {
    return this.#options.metadata;
  }

  /** The current token (a copy), or `undefined`. */
  get token(): Token | undefined {
    const token = this.#keeper.token;
    return token && { ...token };
  }

  /** Whether the client holds an access token. */
  get authorized(): boolean {
    return this.#keeper.token !== undefined;
  }

  /**
   * The URL to send the user to (RFC 6749 §4.1.1), with a random `state`, a PKCE challenge
   * (S256 by default) and, for `openid`, a `nonce`. Keep `state` and `codeVerifier` for the
   * callback. Other members of `params` are sent as query parameters; they cannot replace the
   * ones the client sets.
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
    const authorizationEndpoint = endpointUrl(this.#options, call);
    return await buildAuthorizationUrl({ ...this.#options, authorizationEndpoint }, params);
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
    const parameters = grantParameters(request, this.#options);
    const token = await this.#requestToken(
      tokenCall(parameters, this.#options.hooks, request.signal),
    );
    await this.#keeper.replace(token);
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
    if (refreshToken !== undefined && (typeof refreshToken !== "string" || refreshToken === "")) {
      throw new TypeError(`refreshToken must be a non-empty string, got ${typeOf(refreshToken)}`);
    }
    const request = (value: string) => this.#requestToken(refreshCall(value, this.#options.hooks));
    // The caller's signal ends its own wait; a refresh shared with other callers goes on.
    return await withDeadline(0, options.signal, () => this.#keeper.refresh(refreshToken, request));
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
    const held = this.#keeper.token;
    const [value, hint] = chooseToken(held, "revokeToken", token, tokenTypeHint, "refresh_token");
    await revoke(this.#options, this.#send, value, hint, options.signal);
    if (held && (value === held.access_token || value === held.refresh_token)) {
      this.#keeper.set(undefined);
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
    const held = this.#keeper.token;
    const [value, hint] = chooseToken(
      held,
      "introspectToken",
      token,
      tokenTypeHint,
      "access_token",
    );
    return await introspect(this.#options, this.#send, value, hint, options.signal);
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
    const token = tokenInFragment(url, this.#options.now(), options);
    this.#keeper.set(token);
    return { ...token };
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
    const { tokenPlacement, hooks } = this.#options;
    const token = () => this.#currentToken();
    return await signWithToken(request, token, tokenPlacement, hooks.protectedRequest);
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
    const options = this.#options;
    return await fetchProtected(new Request(input, init), {
      timeout: options.timeout,
      crossOriginRedirect: options.crossOriginRedirect,
      sign: (request) => this.sign(request),
      send: this.#send,
      token: () => this.#keeper.token,
      canRefresh: () => this.#canRefresh(),
      refresh: () => this.refreshToken(),
    });
  }

  /** A summary without secrets or tokens, for logs. */
  toJSON(): Record<string, unknown> {
    return {
      clientId: this.#options.clientId,
      clientAuthentication: this.#options.clientAuthentication,
      issuer: this.#options.issuer,
      authorized: this.authorized,
    };
  }

  #currentToken(): Promise<Token> {
    const options = this.#options;
    return this.#keeper.usable(
      options.now(),
      options.refreshLeeway,
      () => this.#canRefresh() ? this.refreshToken() : undefined,
    );
  }

  /** Sends a token request and validates the response, within the deadline. */
  #requestToken(call: EndpointCall): Promise<Token> {
    return requestToken(this.#options, call, hookedSend(this.#send));
  }

  /** Whether a refresh is possible: a held refresh token and a token endpoint to spend it at. */
  #canRefresh(): boolean {
    return this.#keeper.token?.refresh_token !== undefined &&
      this.#options.endpoints.tokenEndpoint !== undefined;
  }
}
