/**
 * One registered provider of an {@linkcode OAuthRegistry}: login and callback for
 * `Request → Response` handlers, and API calls with the user's token. OAuth 2.0 or OAuth 1.0a,
 * chosen by the configuration.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { OAuthError } from "../errors.ts";
import type { Hooks } from "../_hooks.ts";
import { OAuth1Client, type OAuth1ClientOptions, type OAuth1Token } from "../oauth1/mod.ts";
import {
  type AuthorizationUrlParams,
  type EndSessionParams,
  type IdTokenClaims,
  OAuth2Client,
  type OAuth2ClientOptions,
  type Profile,
  readCallback,
  type Token,
} from "../oauth2/mod.ts";
import type { CookieSealer } from "./cookies.ts";
import { noteCallbackError, noteCallError, reportError } from "./error_response.ts";
import {
  cookiesDroppedBy,
  endedLoginCookie,
  LOGIN_SECONDS,
  loginAnswered,
  newLoginId,
  type PendingLogin,
  pendingLoginCookie,
  pendingLogins,
  type Transaction,
} from "./pending_logins.ts";
import { checkedUserinfo, expectedSubject } from "./userinfo.ts";
import { type AppleUser, appleUser } from "../hooks/apple.ts";
import {
  clientIdOf,
  type OAuth1ProviderConfig,
  type OAuth2ProviderConfig,
  type ProviderConfig,
  REGISTRY_ONLY,
  without,
} from "./provider_config.ts";

/**
 * Remembers the logins already finished, so that a login cookie sent again (stolen with its
 * callback URL) is refused before the provider sees the code a second time.
 */
export interface LoginStore {
  /** `true` the first time `id` is consumed; `false` ever after, at least until `expiresAt`. */
  consume(id: string, expiresAt: number): Promise<boolean>;
}

/** What a registry shares with its providers. */
export interface RegistryContext {
  /** Logins already finished, when the app keeps them. */
  store?: LoginStore;
  /** Seals the login cookies. */
  sealer: CookieSealer;
  /** The clock in milliseconds. */
  now: () => number;
  /** The `fetch` to reach providers with. */
  fetch?: (request: Request) => Promise<Response>;
  /** The user's token for a provider, from the app's session. */
  fetchToken?: (name: string, request: Request) => Promise<Token | OAuth1Token | undefined>;
  /** Called with a refreshed token, for the app's session. */
  updateToken?: (name: string, token: Token, request: Request) => void | Promise<void>;
  /** Told of failures that do not stop what the app asked for (a revocation at logout). */
  onError?: (error: unknown, request: Request) => void | Promise<void>;
}

/** What the callback gives: the token, the ID token's claims, and the headers to send. */
export interface AuthorizedLogin<T = Token | OAuth1Token> {
  /** The token (OAuth 2.0) or token credentials (OAuth 1.0a). */
  token: T;
  /** For OpenID Connect logins: the validated ID token's claims. */
  claims?: IdTokenClaims;
  /**
   * Sign in with Apple: the `user` its form_post callback carried, parsed (the name the user
   * shared). Apple sends it on the user's first authorization of the app only, never on later
   * logins: keep it then. It is not signed; the user's id and email are in `claims`.
   */
  user?: AppleUser;
  /** Add these to your response: they clear this login's cookie. */
  headers: Headers;
}

/** What an API call is given besides `fetch`'s own options. */
export type CallInit = RequestInit & {
  /** The app's request, for `fetchToken` and `updateToken` to find the session by. */
  request: Request;
};

/**
 * Options of {@linkcode RemoteApp.logoutRedirect}: what the end-session URL carries besides
 * the ID token and the post-logout redirect URI (OpenID Connect RP-Initiated Logout 1.0 §2).
 */
export interface LogoutRedirectOptions
  extends Pick<EndSessionParams, "state" | "uiLocales" | "logoutHint"> {
  /** Aborts the revocation request. */
  signal?: AbortSignal;
}

/** Options of {@linkcode RemoteApp.userinfo}. */
export interface UserinfoOptions {
  /** The app's request, for `fetchToken` and `updateToken` to find the session by. */
  request: Request;
  /**
   * The `sub` of the login's ID token (`claims.sub`), when the session's token holds no
   * `id_token`; the answer's `sub` must be it.
   */
  sub?: string;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** Options of {@linkcode RemoteApp.profile}. */
export interface ProfileRequestOptions {
  /** The app's request, for `fetchToken` and `updateToken` to find the session by. */
  request: Request;
  /**
   * The login's validated ID token claims (`AuthorizedLogin.claims`): readers of providers
   * without a userinfo endpoint (Sign in with Apple) read the user from them, and a userinfo
   * answer must name their `sub`.
   */
  claims?: IdTokenClaims;
  /** Aborts the requests. */
  signal?: AbortSignal;
}

/**
 * A registered provider; `T` is the token its logins give, `Token` (OAuth 2.0) or
 * `OAuth1Token` (OAuth 1.0a). Its `config` holds the client secret: `String(app)`,
 * `JSON.stringify(app)` and inspecting it show only its name, client id and protocol.
 *
 * @example
 * ```ts
 * import { OAuthRegistry } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const oauth = new OAuthRegistry({ secret: "a long secret for sealing the login cookies" });
 * const app = oauth.register("example", {
 *   clientId: "app",
 *   clientSecret: "s3cret",
 *   authorizationEndpoint: "https://as.example/authorize",
 *   tokenEndpoint: "https://as.example/token",
 * });
 * assert.equal(JSON.stringify(app), '{"name":"example","clientId":"app","isOAuth1":false}');
 * ```
 */
export class RemoteApp<T extends Token | OAuth1Token = Token | OAuth1Token> extends SecretFree {
  /**
   * The client of each token while calls with it are in flight, and those calls' requests:
   * concurrent calls with one expired token refresh once, and every one of them hears of it.
   */
  readonly #inFlight = new Map<string, { client: Promise<OAuth2Client>; requests: Set<Request> }>();

  /** The name the provider is registered under. */
  readonly name: string;
  /** How to reach it. */
  readonly config: ProviderConfig;
  /** What the registry shares with it. */
  readonly context: RegistryContext;

  /**
   * Made by `OAuthRegistry.register`; use `registry.client(name)`.
   *
   * @param name the provider's name
   * @param config how to reach it
   * @param context what the registry shares
   */
  constructor(name: string, config: ProviderConfig, context: RegistryContext) {
    super();
    this.name = name;
    this.config = config;
    this.context = context;
  }

  /** Whether this provider speaks OAuth 1.0a. */
  get isOAuth1(): boolean {
    return this.config.requestTokenUrl !== undefined;
  }

  /**
   * Starts a login: a `302` to the provider that sets this login's own sealed, ten-minute
   * cookie, bound to this browser (state, PKCE verifier, nonce, redirect URI; for OAuth 1.0a
   * the temporary credentials). Other logins in progress in this browser (another tab) go on;
   * of this provider's, the oldest beyond four are dropped, and those that no longer open.
   */
  async authorizeRedirect(
    request: Request,
    redirectUri: string | undefined = this.isOAuth1
      ? (this.config as OAuth1ProviderConfig).callbackUri
      : (this.config as OAuth2ProviderConfig).redirectUri,
    params: AuthorizationUrlParams = {},
  ): Promise<Response> {
    if (typeof redirectUri !== "string") {
      throw new TypeError(
        `authorizeRedirect needs the redirect URI (or ${this.name}'s ${
          this.isOAuth1 ? "callbackUri" : "redirectUri"
        } option)`,
      );
    }
    const now = this.context.now();
    const login = { id: newLoginId(), provider: this.name, started: now, redirectUri };
    let location: string;
    let transaction: Transaction;
    let formPost = false;
    if (this.isOAuth1) {
      const client = this.#oauth1Client(undefined, redirectUri);
      // The three URLs of RFC 5849 §2 are the client's options (checked at registration).
      const temporary = await client.fetchRequestToken();
      location = client.authorizationUrl();
      const { oauth_token, oauth_token_secret } = temporary;
      transaction = { ...login, oauth1: { oauth_token, oauth_token_secret } };
    } else {
      const client = await this.#oauth2Client({ redirectUri });
      const { url, state, codeVerifier, nonce } = await client.authorizationUrl(params);
      location = url.href;
      const mode = params.response_mode ??
        (this.config as OAuth2ProviderConfig).authorizationParams?.response_mode ??
        url.searchParams.get("response_mode");
      formPost = mode === "form_post";
      transaction = { ...login, state, codeVerifier, nonce, ...(formPost && { formPost }) };
    }
    const pending = await pendingLogins(request, this.context.sealer, this.name, now / 1000);
    const headers = new Headers({ location });
    const cookie = await pendingLoginCookie(this.context.sealer, transaction, formPost);
    headers.append("set-cookie", cookie);
    for (const cookie of cookiesDroppedBy(pending)) {
      headers.append("set-cookie", endedLoginCookie(cookie));
    }
    return new Response(null, { status: 302, headers });
  }

  /**
   * Finishes the login on the callback: finds, among this browser's logins in progress (never
   * by state alone), the one the callback answers, checks the callback against it and redeems
   * it. No login of this provider in progress (cookies missing, tampered, expired or used) is
   * `state_unknown`; a callback that matches none of them (`state_mismatch`, `token_mismatch`)
   * or not in full (`issuer_mismatch`, …) leaves them all in progress, as a forged link from
   * another site would send this browser's cookies with a state of its own; the provider's
   * refusal is its `OAuthResponseError`.
   */
  async authorizeAccessToken(request: Request): Promise<AuthorizedLogin<T>> {
    let callback: URL;
    try {
      callback = await readCallback(request);
    } catch (error) {
      throw noteCallbackError(error, []);
    }
    const { cookie, transaction } = await this.#loginAnswered(request, callback);
    const headers = new Headers({ "set-cookie": endedLoginCookie(cookie) });
    // The login is spent at the last moment, just before the token request, which the
    // clients send only after the callback matched the login (state, issuer, error, code;
    // for OAuth 1.0a the token): a callback that does not match leaves it in progress.
    let spent = false;
    const spend = async () => {
      spent = true;
      const expiresAt = this.context.now() / 1000 + LOGIN_SECONDS;
      if (!await (this.context.store?.consume(transaction.id, expiresAt) ?? true)) {
        throw new OAuthError(
          "state_unknown",
          "this login was finished already: its cookie was sent again",
        );
      }
    };
    try {
      const posted = request.method === "POST";
      const login = await this.#redeem(callback, posted, transaction, spend, headers);
      return login as AuthorizedLogin<T>;
    } catch (error) {
      throw noteCallbackError(error, spent ? [cookie] : []);
    }
  }

  /** An API call with the token `fetchToken` gives for `init.request`, refreshed when needed. */
  async request(path: string, init: CallInit): Promise<Response> {
    const { request, ...rest } = init;
    const url = this.#apiUrl(path);
    try {
      const token = await this.#sessionToken(request);
      if (this.isOAuth1) {
        return await this.#oauth1Client(token as OAuth1Token).fetch(url, rest);
      }
      return await this.#withClient(token as Token, request, (client) => client.fetch(url, rest));
    } catch (error) {
      throw noteCallError(error);
    }
  }

  /** `GET path` with the user's token. */
  get(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "GET" });
  }

  /** `POST path` with the user's token. */
  post(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "POST" });
  }

  /** `PUT path` with the user's token. */
  put(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "PUT" });
  }

  /** `PATCH path` with the user's token. */
  patch(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "PATCH" });
  }

  /** `DELETE path` with the user's token. */
  delete(path: string, init: CallInit): Promise<Response> {
    return this.request(path, { ...init, method: "DELETE" });
  }

  /**
   * The signed-in user's claims from the OpenID Connect userinfo endpoint (discovered, or
   * `userinfoEndpoint`), asked with the session's token (refreshed when needed), as
   * `OAuth2Client.userinfo()` asks. The answer's `sub` must be the ID token's (OpenID Connect
   * Core §5.3.2): the session token's `id_token`, or `options.sub` when given;
   * `userinfo_sub_mismatch` otherwise. Knowing neither is a `TypeError`, before any request.
   */
  async userinfo(options: UserinfoOptions): Promise<Record<string, unknown>> {
    if (this.isOAuth1) {
      throw new TypeError(`userinfo is OpenID Connect, and ${this.name} is an OAuth 1.0a provider`);
    }
    const { request, sub, signal } = options;
    try {
      const token = await this.#sessionToken(request) as Token;
      const expected = expectedSubject(token, sub);
      return await this.#withClient(
        token,
        request,
        (client) => checkedUserinfo(client, expected, signal),
      );
    } catch (error) {
      throw noteCallError(error);
    }
  }

  /**
   * The signed-in user as a `Profile`, read with the session's token (refreshed when needed)
   * as `OAuth2Client.profile()` reads it: by the configuration's `profile` reader (a preset's),
   * or from OpenID Connect's standard claims. OAuth 2.0 only.
   */
  async profile(options: ProfileRequestOptions): Promise<Profile> {
    if (this.isOAuth1) {
      throw new TypeError(`profile is OAuth 2.0's, and ${this.name} is an OAuth 1.0a provider`);
    }
    const { request, claims, signal } = options;
    try {
      const token = await this.#sessionToken(request) as Token;
      return await this.#withClient(
        token,
        request,
        (client) => client.profile({ idTokenClaims: claims, signal }),
      );
    } catch (error) {
      throw noteCallError(error);
    }
  }

  /**
   * Logs the user out at the provider too (OpenID Connect RP-Initiated Logout 1.0): a `302` to
   * the provider's end-session endpoint (`endSessionEndpoint`, or the discovered
   * `end_session_endpoint`) with the session token's `id_token` as `id_token_hint`,
   * `postLogoutRedirectUri` (as registered at the provider) and `options.state`; its
   * `Set-Cookie` headers end every login of this provider still in progress in this browser.
   * First, when the provider has a revocation endpoint, the session's refresh token (or else
   * its access token) is revoked (RFC 7009): a revocation that fails does not stop the logout,
   * and `onError` hears of it. Without a session token (`fetchToken`) there is no hint and
   * nothing to revoke. A provider without an end-session endpoint is `end_session_unsupported`,
   * before anything is revoked; an OAuth 1.0a provider is a `TypeError`. End the app's own
   * session too: add the deletion of its cookie to the response's headers.
   */
  async logoutRedirect(
    request: Request,
    postLogoutRedirectUri: string,
    options: LogoutRedirectOptions = {},
  ): Promise<Response> {
    if (this.isOAuth1) {
      throw new TypeError(
        `logoutRedirect is OpenID Connect's, and ${this.name} is an OAuth 1.0a provider`,
      );
    }
    const { state, uiLocales, logoutHint, signal } = options;
    const token = await this.context.fetchToken?.(this.name, request) as Token | undefined;
    const client = await this.#oauth2Client({});
    const idToken = token?.id_token;
    // Built before the revocation: a logout the provider cannot do, or a mistaken call, ends
    // nothing at the provider.
    const location = client.endSessionUrl({
      idTokenHint: typeof idToken === "string" && idToken !== "" ? idToken : undefined,
      postLogoutRedirectUri,
      state,
      uiLocales,
      logoutHint,
    });
    const config = this.config as OAuth2ProviderConfig;
    const revocable = config.revocationEndpoint ?? client.metadata?.revocation_endpoint;
    if (token !== undefined && revocable !== undefined) {
      // RFC 7009 §2.1: revoking the refresh token ends the grant, and with it (at most servers)
      // the access tokens issued under it.
      const [value, hint] = token.refresh_token
        ? [token.refresh_token, "refresh_token"]
        : [token.access_token, "access_token"];
      await client.revokeToken(value, hint, { signal })
        .catch((error) => reportError(error, request, this.context.onError));
    }
    const { sealer, now } = this.context;
    const { open, stale } = await pendingLogins(request, sealer, this.name, now() / 1000);
    const headers = new Headers({ location: location.href });
    for (const cookie of [...open.map((login) => login.cookie), ...stale]) {
      headers.append("set-cookie", endedLoginCookie(cookie));
    }
    return new Response(null, { status: 302, headers });
  }

  /** The provider's name, client id and protocol, never its secret: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, clientId: clientIdOf(this.config), isOAuth1: this.isOAuth1 };
  }

  /**
   * The login in progress in this browser that the callback answers; `state_unknown` (ending
   * the cookies that no longer open) when there is none, and a mismatch, ending nothing, when
   * the callback answers none of them.
   */
  async #loginAnswered(request: Request, callback: URL): Promise<PendingLogin> {
    const { sealer, now } = this.context;
    const { open, stale } = await pendingLogins(request, sealer, this.name, now() / 1000);
    if (open.length === 0) {
      throw noteCallbackError(
        new OAuthError(
          "state_unknown",
          "no login of this provider is in progress in this browser (missing, expired or altered cookie)",
        ),
        stale,
      );
    }
    const login = loginAnswered(open, callback);
    if (login !== undefined) return login;
    const [code, parameter] = this.isOAuth1
      ? ["token_mismatch", "oauth_token"] as const
      : ["state_mismatch", "state"] as const;
    throw noteCallbackError(
      new OAuthError(code, `the callback's ${parameter} is none of this browser's logins`),
      [],
    );
  }

  /**
   * Redeems a login whose callback was found: OAuth 1.0a token credentials, or the code.
   * `posted`: the callback was a POST, whose form `readCallback` added to `callback`.
   */
  async #redeem(
    callback: URL,
    posted: boolean,
    transaction: Transaction,
    spend: () => Promise<void>,
    headers: Headers,
  ): Promise<AuthorizedLogin> {
    if (transaction.oauth1) {
      const client = this.#oauth1Client(transaction.oauth1);
      const { oauth_verifier } = client.parseAuthorizationResponse(callback);
      await spend();
      const token = await client.fetchAccessToken({ verifier: oauth_verifier });
      return { token, headers };
    }
    const { redirectUri, state, codeVerifier, nonce } = transaction;
    // Sign in with Apple's `user` is a field of its form_post body ("Incorporating Sign in with
    // Apple into other platforms", "Handle the response"), unsigned: read only for a form_post
    // login's POST, where readCallback let it come from the body alone (a POST whose query has
    // `user` is refused), never from a GET's query, nor for another login. Read before the
    // login is spent, so that a malformed one costs no code.
    const user = transaction.formPost && posted ? appleUser(callback) : undefined;
    // The token request's last hook, after the provider's own fixes.
    const spending: Hooks = { accessTokenRequest: [async (sent) => (await spend(), sent)] };
    const hooks = [...[this.config.hooks ?? []].flat(), spending];
    const client = await this.#oauth2Client({ redirectUri, hooks });
    const token = await client.fetchToken({
      authorizationResponse: callback,
      state: state!,
      codeVerifier,
      nonce,
    });
    return { token, claims: client.idTokenClaims, ...(user ? { user } : {}), headers };
  }

  /** The token of the session `request` belongs to, or `missing_token`. */
  async #sessionToken(request: Request): Promise<Token | OAuth1Token> {
    const token = await this.context.fetchToken?.(this.name, request);
    if (token === undefined) {
      throw new OAuthError("missing_token", `no ${this.name} token for this request (fetchToken)`);
    }
    return token;
  }

  /**
   * `path` resolved against `apiBaseUrl`; a relative path without one is the caller's mistake,
   * named as such rather than left to `new URL`'s "Invalid URL".
   */
  #apiUrl(path: string): URL {
    const base = this.config.apiBaseUrl;
    if (base === undefined && !URL.canParse(path)) {
      throw new TypeError(
        `${this.name} has no apiBaseUrl to resolve a relative API path against: give apiBaseUrl when registering it, or call a full URL`,
      );
    }
    return new URL(path, base);
  }

  /**
   * Runs `call` with the OAuth 2.0 client of `token`, shared with the calls in flight with the
   * same token, so that they refresh it once and each of their requests hears of it.
   */
  async #withClient<R>(
    token: Token,
    request: Request,
    call: (client: OAuth2Client) => Promise<R>,
  ): Promise<R> {
    const key = token.refresh_token ?? token.access_token;
    let entry = this.#inFlight.get(key);
    if (entry === undefined) {
      const requests = new Set<Request>();
      const client = this.#oauth2Client({
        token,
        onTokenUpdated: async (next) => {
          for (const waiting of requests) {
            await this.context.updateToken?.(this.name, next, waiting);
          }
        },
      });
      this.#inFlight.set(key, entry = { client, requests });
    }
    entry.requests.add(request);
    try {
      return await call(await entry.client);
    } finally {
      entry.requests.delete(request);
      if (entry.requests.size === 0) this.#inFlight.delete(key);
    }
  }

  /**
   * The OAuth 2.0 client of this configuration: every option passed through but the
   * registry's own (`apiBaseUrl`, `serverMetadataUrl`, and the issuer when discovering, which
   * the metadata names), with the registry's `fetch` and clock and this login's or session's
   * `extra`.
   */
  async #oauth2Client(extra: Partial<OAuth2ClientOptions>): Promise<OAuth2Client> {
    const config = this.config as OAuth2ProviderConfig;
    const { serverMetadataUrl } = config;
    const options = {
      ...without(config, [
        ...REGISTRY_ONLY,
        "requestTokenUrl",
        ...(serverMetadataUrl ? ["issuer"] : []),
      ]),
      fetch: this.context.fetch,
      now: this.context.now,
      ...extra,
    } as OAuth2ClientOptions;
    return serverMetadataUrl === undefined
      ? new OAuth2Client(options)
      : await OAuth2Client.discover(serverMetadataUrl, options);
  }

  /**
   * The OAuth 1.0a client of this configuration: every option passed through but the
   * registry's own, `clientId` as `clientKey`, with the login's or session's credentials.
   */
  #oauth1Client(
    token?: { oauth_token: string; oauth_token_secret: string },
    callbackUri?: string,
  ): OAuth1Client {
    const config = this.config as OAuth1ProviderConfig;
    return new OAuth1Client({
      ...without(config, [...REGISTRY_ONLY, "clientId"]),
      clientKey: config.clientKey ?? config.clientId!,
      fetch: this.context.fetch,
      ...(token ? { token: token.oauth_token, tokenSecret: token.oauth_token_secret } : {}),
      ...(callbackUri ? { callbackUri } : {}),
    } as OAuth1ClientOptions);
  }
}
