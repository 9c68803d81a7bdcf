/**
 * `OAuth2Client`: every grant, client authentication and token operation of RFC 6749 and its
 * extensions, as a thin shell over the pure functions of this folder. Its state and the
 * token-obtaining methods are in `client_core.ts`.
 *
 * @module
 */
import { signWithToken } from "./bearer.ts";
import {
  canRefresh,
  currentToken,
  OAuth2ClientCore,
  refreshRejected,
  stateOf,
} from "./client_core.ts";
import { discoverMetadata, type DiscoveryOptions } from "./discovery.ts";
import { endpointUrl, sendToEndpoint } from "./endpoint_request.ts";
import { withDeadline } from "../_deadline.ts";
import {
  DEVICE_CODE_GRANT,
  type DeviceAuthorization,
  type DeviceAuthorizationParams,
  deviceParameters,
  pollForToken,
  type PollOptions,
  readDeviceAuthorization,
  sleep,
} from "./device.ts";
import { hookedSend } from "./hooked_send.ts";
import { readJsonObject } from "./json_response.ts";
import { OAuthError } from "../errors.ts";
import type { OAuth2ClientOptions } from "./options.ts";
import { fetchProtected } from "./protected_fetch.ts";
import { resourceAsksForNonce } from "./dpop.ts";
import { chooseToken, introspect, revoke } from "./token_operations.ts";
import type { IntrospectionResponse, Token, WithSignal } from "./types.ts";

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
export class OAuth2Client extends OAuth2ClientCore {
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
    const state = stateOf(this);
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
    const { options: resolved, keeper, send } = stateOf(this);
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
    const { options: { tokenPlacement, hooks, allowInsecureRequests }, dpop } = stateOf(this);
    const token = () => currentToken(this);
    return await signWithToken(
      request,
      token,
      tokenPlacement,
      hooks.protectedRequest,
      dpop,
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
    const state = stateOf(this);
    const { options, dpop } = state;
    return await fetchProtected(new Request(input, init), {
      timeout: options.timeout,
      crossOriginRedirect: options.crossOriginRedirect,
      sign: (request) => this.sign(request),
      // With DPoP, every response may carry the server's next nonce.
      send: dpop === undefined ? state.send : async (request) => {
        const response = await state.send(request);
        dpop.remember(response, request.url);
        return response;
      },
      asksForNonce: dpop && resourceAsksForNonce,
      token: () => state.keeper.token,
      canRefresh: () => canRefresh(state),
      refresh: (rejected) => refreshRejected(this, rejected),
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
    const state = stateOf(this);
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
    const { options: resolved, send } = stateOf(this);
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
    return await pollForToken(authorization, {
      request: () => this.fetchToken({ grantType: DEVICE_CODE_GRANT, device_code, signal }),
      now: stateOf(this).options.now,
      sleep: options.sleep ?? sleep,
      signal,
    });
  }
}
