/**
 * `OAuth2Client`: every grant, client authentication and token operation of RFC 6749 and its
 * extensions, as a thin shell over the pure functions of this folder.
 *
 * @module
 */
import { fetchWithSafeRedirects } from "../_redirects.ts";
import { assertSecureTransport, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { runRequestHooks } from "../hooks/run.ts";
import { buildAuthorizationUrl } from "./authorization.ts";
import { placeToken } from "./bearer.ts";
import { type EndpointCall, sendToEndpoint } from "./endpoint_request.ts";
import { grantParameters } from "./grants.ts";
import { tokenInFragment } from "./implicit.ts";
import { readIntrospectionResponse } from "./introspection.ts";
import { readJsonObject } from "./json_response.ts";
import { type OAuth2ClientOptions, type ResolvedOptions, resolveOAuth2Options } from "./options.ts";
import { readRevocationResponse } from "./revocation.ts";
import { isExpired, validateTokenResponse } from "./token.ts";
import type {
  AuthorizationRequest,
  AuthorizationUrlParams,
  IntrospectionResponse,
  Token,
  TokenRequest,
} from "./types.ts";

export type { OAuth2ClientOptions } from "./options.ts";

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
export class OAuth2Client {
  readonly #options: ResolvedOptions;
  #token?: Token;
  #refreshing?: Promise<Token>;

  /**
   * Creates a client; every option is checked here, and a mistake is a `TypeError`.
   *
   * @param options endpoints, client credentials and authentication, injectable edges
   */
  constructor(options: OAuth2ClientOptions) {
    this.#options = resolveOAuth2Options(options);
    this.#token = this.#options.token;
  }

  /** The current token (a copy), or `undefined`. */
  get token(): Token | undefined {
    return this.#token && { ...this.#token };
  }

  /** Whether the client holds an access token. */
  get authorized(): boolean {
    return this.#token !== undefined;
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
    const endpoint = this.#options.endpoints.authorizationEndpoint;
    if (endpoint === undefined) {
      throw new TypeError("authorizationUrl needs the authorizationEndpoint option");
    }
    return await buildAuthorizationUrl(
      { ...this.#options, authorizationEndpoint: endpoint },
      params,
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
    const parameters = grantParameters(request, this.#options);
    const hooks = this.#options.hooks;
    return await this.#requestToken({
      endpoint: "tokenEndpoint",
      operation: "fetchToken",
      parameters,
      requestHooks: hooks.accessTokenRequest,
      responseHooks: hooks.accessTokenResponse,
      signal: request.signal,
    });
  }

  /**
   * Refreshes the access token (RFC 6749 §6) with the given refresh token or the client's.
   * Concurrent calls without an argument share one request. A response without a new refresh
   * token keeps the old one; a new one replaces it (rotation).
   */
  async refreshToken(refreshToken?: string): Promise<Token> {
    if (refreshToken !== undefined && (typeof refreshToken !== "string" || refreshToken === "")) {
      throw new TypeError(`refreshToken must be a non-empty string, got ${typeOf(refreshToken)}`);
    }
    if (refreshToken !== undefined) return await this.#refresh(refreshToken);
    this.#refreshing ??= this.#refresh(this.#token?.refresh_token).finally(() => {
      this.#refreshing = undefined;
    });
    return await this.#refreshing;
  }

  /**
   * Revokes a token (RFC 7009): the given one, or else the client's refresh token (which ends
   * the grant), or else its access token. Revoking the client's own token forgets it.
   */
  async revokeToken(token?: string, tokenTypeHint?: string): Promise<void> {
    const [value, hint] = this.#tokenFor("revokeToken", token, tokenTypeHint, "refresh_token");
    const { request, response } = await this.#tokenOperation(
      "revocationEndpoint",
      "revokeToken",
      value,
      hint,
    );
    await readRevocationResponse(response, request);
    if (value === this.#token?.access_token || value === this.#token?.refresh_token) {
      this.#token = undefined;
    }
  }

  /** Asks the authorization server about a token (RFC 7662): by default the access token. */
  async introspectToken(token?: string, tokenTypeHint?: string): Promise<IntrospectionResponse> {
    const [value, hint] = this.#tokenFor("introspectToken", token, tokenTypeHint, "access_token");
    const { request, response } = await this.#tokenOperation(
      "introspectionEndpoint",
      "introspectToken",
      value,
      hint,
    );
    return await readIntrospectionResponse(response, request);
  }

  /**
   * Takes the token from an implicit-grant redirect's fragment (RFC 6749 §4.2.2), for legacy
   * providers. Pass the `state` you sent to have it checked. `onTokenUpdated` is not called:
   * the token is returned here.
   */
  tokenFromFragment(url: string | URL, options: { state?: string } = {}): Token {
    this.#token = tokenInFragment(url, this.#options.now(), options.state);
    return { ...this.#token };
  }

  /**
   * A copy of the request carrying the access token (header, query or form body, per
   * `tokenPlacement`). An expired token is refreshed first when a refresh token and a token
   * endpoint exist; otherwise it is `token_expired`.
   */
  async sign(request: Request): Promise<Request> {
    if (!(request instanceof Request)) {
      throw new TypeError(`sign() needs a Request, got ${typeOf(request)}`);
    }
    assertSecureTransport(new URL(request.url), "a request carrying a token");
    const token = await this.#currentToken();
    const placed = await placeToken(request, token, this.#options.tokenPlacement);
    return await runRequestHooks(this.#options.hooks.protectedRequest, placed);
  }

  /**
   * Signs and sends a request, with the arguments of the global `fetch`. Redirects are
   * followed safely: the token goes again only to the same origin; https to http is refused.
   */
  async fetch(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    return await fetchWithSafeRedirects(
      new Request(input, init),
      (request) => this.sign(request),
      (request) => this.#send(request),
    );
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

  /** The same summary as `toJSON`, so `String(client)` shows no secret. */
  toString(): string {
    return `OAuth2Client ${JSON.stringify(this.toJSON())}`;
  }

  /** What `Deno.inspect` and `console.log` show on Deno: the secret-free summary. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** What `util.inspect` and `console.log` show on Node and Bun: the secret-free summary. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  async #currentToken(): Promise<Token> {
    const token = this.#token;
    if (token === undefined) {
      throw new OAuthError(
        "missing_token",
        "the client has no access token: obtain one with fetchToken first",
      );
    }
    if (!isExpired(token, this.#options.now(), this.#options.refreshLeeway)) return token;
    if (token.refresh_token === undefined || this.#options.endpoints.tokenEndpoint === undefined) {
      throw new OAuthError("token_expired", "the access token has expired and cannot be refreshed");
    }
    return await this.refreshToken();
  }

  async #refresh(refreshToken: string | undefined): Promise<Token> {
    if (refreshToken === undefined) {
      throw new OAuthError(
        "missing_token",
        "refreshToken needs a refresh token: the client has none",
      );
    }
    const token = await this.#requestToken({
      endpoint: "tokenEndpoint",
      operation: "refreshToken",
      parameters: [["grant_type", "refresh_token"], ["refresh_token", refreshToken]],
      requestHooks: this.#options.hooks.refreshTokenRequest,
      responseHooks: this.#options.hooks.refreshTokenResponse,
    }, refreshToken);
    return token;
  }

  /** Sends a token request, validates the response and makes the result the client's token. */
  async #requestToken(call: EndpointCall, previousRefreshToken?: string): Promise<Token> {
    const { request, response } = await sendToEndpoint(
      this.#options,
      call,
      (outgoing) => this.#send(outgoing),
    );
    const body = await readJsonObject(response, request, "the token endpoint");
    const token = validateTokenResponse(body, this.#options.now(), response.status);
    // RFC 6749 §6: without a new refresh token, the old one stays valid.
    if (token.refresh_token === undefined && previousRefreshToken !== undefined) {
      token.refresh_token = previousRefreshToken;
    }
    this.#token = token;
    await this.#options.onTokenUpdated?.({ ...token });
    return { ...token };
  }

  #tokenFor(
    operation: string,
    token: string | undefined,
    hint: string | undefined,
    preferred: "refresh_token" | "access_token",
  ): [string, string | undefined] {
    for (const [name, value] of [["token", token], ["tokenTypeHint", hint]] as const) {
      if (value !== undefined && (typeof value !== "string" || value === "")) {
        throw new TypeError(`${name} must be a non-empty string, got ${typeOf(value)}`);
      }
    }
    if (token !== undefined) return [token, hint];
    const held = this.#token;
    if (preferred === "refresh_token" && held?.refresh_token) {
      return [held.refresh_token, hint ?? "refresh_token"];
    }
    if (held) return [held.access_token, hint ?? "access_token"];
    throw new OAuthError(
      "missing_token",
      `${operation} needs a token: pass one, or obtain one first`,
    );
  }

  /** A revocation or introspection request about one token (RFC 7009 §2.1, RFC 7662 §2.1). */
  #tokenOperation(
    endpoint: "revocationEndpoint" | "introspectionEndpoint",
    operation: "revokeToken" | "introspectToken",
    token: string,
    hint: string | undefined,
  ): Promise<{ request: Request; response: Response }> {
    const parameters: [string, string][] = [["token", token]];
    if (hint !== undefined) parameters.push(["token_type_hint", hint]);
    const hooks = this.#options.hooks;
    return sendToEndpoint(this.#options, {
      endpoint,
      operation,
      parameters,
      requestHooks: endpoint === "revocationEndpoint"
        ? hooks.revokeTokenRequest
        : hooks.introspectTokenRequest,
    }, (outgoing) => this.#send(outgoing));
  }

  #send(request: Request): Promise<Response> {
    // Called unbound: the fetch of workerd and browsers refuses any other `this`.
    const send = this.#options.fetch ?? fetch;
    return send(request);
  }
}
