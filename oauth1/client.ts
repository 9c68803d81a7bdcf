/**
 * `OAuth1Client`: the 3-legged flow of RFC 5849 §2 and signed requests (§3), as a thin shell
 * over the pure functions of this folder.
 *
 * @module
 */
import { appendQueryParameters } from "../_encoding.ts";
import { randomAlphanumeric } from "../_random.ts";
import { timeoutOption, withDeadline } from "../_deadline.ts";
import { callbackUrl } from "../_callback.ts";
import { SecretFree } from "../_inspect.ts";
import { fetchWithSafeRedirects } from "../_redirects.ts";
import { send } from "../_send.ts";
import { networkError } from "../_network_error.ts";
import { parseSecureUrl, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { type Hooks, runRequestHooks } from "../_hooks.ts";
import { parseCallback } from "./callback.ts";
import {
  accessTokenOptions,
  type Credentials,
  credentialsRequest,
  extraParameters,
  flowCredentials,
  generated,
  initialCredentials,
  stepArguments,
} from "./flow.ts";
import { type OAuth1ClientOptions, oauth1Hooks, validateOAuth1Options } from "./options.ts";
import { isRsaMethod } from "./method_names.ts";
import { checkPrivateKey, type PemPrivateKey } from "./private_key.ts";
import type { HmacMethod, Signer } from "./signature_methods.ts";
import type { ProtocolValues } from "./_signing.ts";
import { assertSignableTransport } from "./transport.ts";
import type {
  OAuth1AuthorizationResponse,
  OAuth1Token,
  SignatureMethod,
  SignatureType,
} from "./types.ts";

type Machinery = typeof import("./_machinery.ts");
let machinery: Machinery | undefined;

/**
 * The signing code, loaded on a client's first signature or exchange: a cold start of the root
 * entry, which most apps use for OAuth 2.0 only, then does not compile OAuth 1.0a's signing.
 * Kept once loaded, so that later signatures take no extra turn.
 */
async function loadMachinery(): Promise<Machinery> {
  return machinery ??= await import("./_machinery.ts");
}

const defaultNonce = () => randomAlphanumeric(30);
const defaultTimestamp = () => String(Math.floor(Date.now() / 1000));

/**
 * An OAuth 1.0a client (RFC 5849): it signs requests with HMAC-SHA1/256/512, RSA-SHA1/256/512
 * or PLAINTEXT, in the header, the query or a form body, and walks the 3-legged flow.
 * Signatures agree byte for byte with oauthlib's for the same nonce and timestamp.
 *
 * @example The 3-legged flow
 * ```ts
 * import { OAuth1Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * // A stand-in for the provider, so the example runs offline.
 * const provider = (request: Request) => {
 *   const path = new URL(request.url).pathname;
 *   const body = path === "/request_token"
 *     ? "oauth_token=temp&oauth_token_secret=temp-secret&oauth_callback_confirmed=true"
 *     : "oauth_token=access&oauth_token_secret=access-secret&user_id=42";
 *   return Promise.resolve(new Response(body));
 * };
 *
 * const client = new OAuth1Client({
 *   clientKey: "my-key",
 *   clientSecret: "my-secret",
 *   callbackUri: "https://app.example/callback",
 *   fetch: provider,
 * });
 * await client.fetchRequestToken("https://provider.example/request_token");
 * const sendUserTo = client.authorizationUrl("https://provider.example/authorize");
 * assert.equal(sendUserTo, "https://provider.example/authorize?oauth_token=temp");
 *
 * // The provider redirects the user back to the callback:
 * client.parseAuthorizationResponse("https://app.example/callback?oauth_token=temp&oauth_verifier=v");
 * const token = await client.fetchAccessToken("https://provider.example/access_token");
 * assert.equal(token.user_id, "42");
 * assert.ok(client.authorized);
 * ```
 */
export class OAuth1Client extends SecretFree {
  readonly #options: Readonly<OAuth1ClientOptions>;
  readonly #signatureMethod: SignatureMethod;
  readonly #signatureType: SignatureType;
  /** The `RSA-*` methods' key as the constructor checked it; imported on first use. */
  readonly #privateKey?: CryptoKey | PemPrivateKey;
  #rsaKey?: () => Promise<CryptoKey>;
  readonly #hooks: Hooks;
  readonly #timeout: number;
  readonly #allowInsecure: boolean;
  #credentials: Credentials;
  #signer?: { tokenSecret: string; sign: Signer };

  /**
   * Creates a client; every option is checked here, and a mistake is a `TypeError`.
   *
   * @param options credentials, signature method and placement, injectable edges
   */
  constructor(options: OAuth1ClientOptions) {
    super();
    validateOAuth1Options(options);
    this.#options = Object.freeze({ ...options });
    this.#signatureMethod = options.signatureMethod ?? "HMAC-SHA1";
    this.#signatureType = options.signatureType ?? "header";
    if (isRsaMethod(this.#signatureMethod)) {
      // Checked now, so that a wrong key is a TypeError here; imported on first use.
      this.#privateKey = checkPrivateKey(options.privateKey, this.#signatureMethod);
    }
    this.#credentials = initialCredentials(options);
    this.#hooks = oauth1Hooks(options.hooks);
    this.#timeout = timeoutOption(options.timeout);
    this.#allowInsecure = options.allowInsecureRequests === true;
  }

  /** The credentials held: temporary ones during the flow, token credentials after it. */
  get token(): OAuth1Token | undefined {
    return this.#credentials.stage === "none" ? undefined : { ...this.#credentials.token };
  }

  /**
   * Whether the client holds token credentials, so protected requests can succeed: after
   * `fetchAccessToken`, or with a token given to the constructor (until a callback shows that
   * it was temporary credentials).
   */
  get authorized(): boolean {
    return this.#credentials.stage === "token" || this.#credentials.stage === "given";
  }

  /**
   * Signs a request with the credentials held and returns a new `Request`; the original stays
   * usable. `oauth_callback` is sent while no token is held, `oauth_verifier` while one is
   * known for temporary credentials.
   *
   * @example
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key", clientSecret: "secret", token: "token", tokenSecret: "token-secret",
   *   nonce: () => "abcdefghijklmnopqrstuvwxyz", timestamp: () => "1700000000",
   * });
   * const signed = await client.sign(new Request("https://api.example/items?page=2"));
   * assert.match(signed.headers.get("authorization")!, /^OAuth oauth_nonce="abcdefghijklmnopqrstuvwxyz", /);
   * ```
   */
  async sign(request: Request): Promise<Request> {
    if (!(request instanceof Request)) {
      throw new TypeError(`sign() needs a Request, got ${typeOf(request)}`);
    }
    const hooks = this.#hooks.protectedRequest;
    const hooked = hooks ? await runRequestHooks(hooks, request) : request;
    const held = this.#credentials;
    return await this.#sign(hooked, {
      token: held.stage === "none" ? undefined : held.token,
      callback: held.stage === "none" ? this.#options.callbackUri : undefined,
      verifier: held.stage === "temporary" ? held.verifier : undefined,
    });
  }

  /**
   * Signs and sends a request, with the same arguments as the global `fetch`, within the
   * deadline (until the response arrives; reading its body is yours). Redirects are
   * followed safely: on the same origin the request is signed again for the new URL; to
   * another origin it goes without credentials; from https to http it is refused
   * (`redirect_refused`). `redirect: "manual"` in `init` hands redirects back instead.
   *
   * @example
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key", token: "token", tokenSecret: "token-secret",
   *   fetch: (request) => Promise.resolve(new Response(request.headers.get("authorization"))),
   * });
   * const response = await client.fetch("https://api.example/me");
   * assert.match(await response.text(), /oauth_token="token"/);
   * ```
   */
  async fetch(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    return await withDeadline(this.#timeout, request.signal, (signal) =>
      fetchWithSafeRedirects(
        signal ? new Request(request, { signal }) : request,
        (outgoing) => this.sign(outgoing),
        (outgoing) => this.#send(outgoing),
        this.#options.crossOriginRedirect,
      ));
  }

  /**
   * Obtains temporary credentials (RFC 5849 §2.1) with a signed `POST` carrying
   * `oauth_callback` (`oob` without a `callbackUri`). The provider must confirm the callback
   * with `oauth_callback_confirmed=true`, in any case (`callback_not_confirmed` otherwise,
   * unless `requireCallbackConfirmed: false`). Starts a new flow: once it succeeds,
   * credentials held before are replaced.
   *
   * @example
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key",
   *   clientSecret: "secret",
   *   fetch: (request) => {
   *     assert.match(request.headers.get("authorization")!, /oauth_callback="oob"/);
   *     return Promise.resolve(new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true"));
   *   },
   * });
   * const temporary = await client.fetchRequestToken("https://provider.example/request_token");
   * assert.equal(temporary.oauth_token, "t");
   * ```
   *
   * @example With the `requestTokenUrl` option, the URL can be left out
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key",
   *   requestTokenUrl: "https://provider.example/request_token",
   *   fetch: (request) => {
   *     assert.equal(request.url, "https://provider.example/request_token");
   *     return Promise.resolve(new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true"));
   *   },
   * });
   * assert.equal((await client.fetchRequestToken()).oauth_token, "t");
   * ```
   *
   * @param init the request's options (a method, headers); the configured URL is used
   */
  fetchRequestToken(init?: RequestInit): Promise<OAuth1Token>;
  /**
   * Obtains temporary credentials from `url`, or from the `requestTokenUrl` option when `url`
   * is `undefined`.
   *
   * @param url the temporary credentials endpoint
   * @param init the request's options (a method, headers)
   */
  fetchRequestToken(url: string | URL | undefined, init?: RequestInit): Promise<OAuth1Token>;
  async fetchRequestToken(
    first?: string | URL | RequestInit,
    second?: RequestInit,
  ): Promise<OAuth1Token> {
    const { url, label, rest: init } = stepArguments(
      "fetchRequestToken",
      this.#options.requestTokenUrl,
      first,
      second,
    );
    const request = credentialsRequest(url, label, init, this.#allowInsecure);
    const signed = await this.#sign(request, { callback: this.#options.callbackUri ?? "oob" });
    const { response, token } = await this.#exchange(
      signed,
      "the request token endpoint",
      this.#secrets(),
    );
    if (this.#options.requireCallbackConfirmed !== false) {
      const { assertCallbackConfirmed } = await loadMachinery();
      assertCallbackConfirmed(token, response.status);
    }
    this.#credentials = { stage: "temporary", token };
    return { ...token };
  }

  /**
   * The URL to send the user to (RFC 5849 §2.2): `url` with the temporary `oauth_token` and
   * any extra parameters appended; the URL's own query is kept as written.
   *
   * @example
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({ clientKey: "key", token: "t", tokenSecret: "s", verifier: "v" });
   * assert.equal(
   *   client.authorizationUrl("https://provider.example/authorize?lang=en", { force_login: "true" }),
   *   "https://provider.example/authorize?lang=en&oauth_token=t&force_login=true",
   * );
   * ```
   *
   * @example With the `authorizeUrl` option, the URL can be left out
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key", token: "t", tokenSecret: "s",
   *   authorizeUrl: "https://provider.example/authorize?perms=read",
   * });
   * assert.equal(client.authorizationUrl(), "https://provider.example/authorize?perms=read&oauth_token=t");
   * assert.equal(
   *   client.authorizationUrl({ lang: "en" }),
   *   "https://provider.example/authorize?perms=read&oauth_token=t&lang=en",
   * );
   * ```
   *
   * @param extraParams parameters appended after `oauth_token`; the configured URL is used
   */
  authorizationUrl(extraParams?: Record<string, string>): string;
  /**
   * The URL to send the user to: `url` (or the `authorizeUrl` option when `url` is
   * `undefined`) with the temporary `oauth_token` and any extra parameters appended.
   *
   * @param url the resource owner authorization endpoint
   * @param extraParams parameters appended after `oauth_token`
   */
  authorizationUrl(url: string | URL | undefined, extraParams?: Record<string, string>): string;
  authorizationUrl(
    first?: string | URL | Record<string, string>,
    second?: Record<string, string>,
  ): string {
    const { url, label, rest: extraParams = {} } = stepArguments(
      "authorizationUrl",
      this.#options.authorizeUrl,
      first,
      second,
    );
    const endpoint = parseSecureUrl(url, label, "the authorization endpoint", this.#allowInsecure);
    const temporary = flowCredentials(this.#credentials, "authorizationUrl");
    const extra = extraParameters(extraParams);
    return appendQueryParameters(endpoint, [["oauth_token", temporary.token.oauth_token], ...extra])
      .href;
  }

  /**
   * Checks the redirect back from the provider (RFC 5849 §2.2) and keeps its verifier for
   * `fetchAccessToken`. A refusal is an `OAuthResponseError` (`access_denied`); a token that
   * is not the one this client holds is `token_mismatch`.
   *
   * @example
   * ```ts
   * import { OAuth1Client, OAuthError } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * // Temporary credentials kept in the session while the user was at the provider:
   * const client = new OAuth1Client({ clientKey: "key", token: "temp", tokenSecret: "temp-secret" });
   * const { oauth_verifier } = client.parseAuthorizationResponse(
   *   "https://app.example/callback?oauth_token=temp&oauth_verifier=v1",
   * );
   * assert.equal(oauth_verifier, "v1");
   * assert.throws(
   *   () => client.parseAuthorizationResponse("https://app.example/callback?oauth_token=forged&oauth_verifier=v"),
   *   (error) => error instanceof OAuthError && error.code === "token_mismatch",
   * );
   * ```
   */
  parseAuthorizationResponse(url: string | URL): OAuth1AuthorizationResponse {
    const callback = callbackUrl(url, "parseAuthorizationResponse url");
    const temporary = flowCredentials(this.#credentials, "parseAuthorizationResponse");
    const result = parseCallback(callback, temporary.token.oauth_token);
    this.#credentials = {
      stage: "temporary",
      token: temporary.token,
      verifier: result.oauth_verifier,
    };
    return result;
  }

  /**
   * Exchanges the temporary credentials and verifier for token credentials (RFC 5849 §2.3).
   * The verifier comes from `parseAuthorizationResponse`, the `verifier` option, or here.
   *
   * @example
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key",
   *   token: "temp",
   *   tokenSecret: "temp-secret",
   *   fetch: () => Promise.resolve(new Response("oauth_token=access&oauth_token_secret=access-secret")),
   * });
   * const token = await client.fetchAccessToken("https://provider.example/access_token", { verifier: "1234" });
   * assert.deepEqual(token, { oauth_token: "access", oauth_token_secret: "access-secret" });
   * assert.ok(client.authorized);
   * ```
   *
   * @example With the `accessTokenUrl` option, the URL can be left out
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const client = new OAuth1Client({
   *   clientKey: "key", token: "temp", tokenSecret: "temp-secret",
   *   accessTokenUrl: "https://provider.example/access_token",
   *   fetch: (request) => {
   *     assert.equal(request.url, "https://provider.example/access_token");
   *     return Promise.resolve(new Response("oauth_token=access&oauth_token_secret=access-secret"));
   *   },
   * });
   * const token = await client.fetchAccessToken({ verifier: "1234" });
   * assert.equal(token.oauth_token, "access");
   * ```
   *
   * @param options `verifier` (unless known already) and `init`, the request's options; the
   * configured URL is used
   */
  fetchAccessToken(options?: { verifier?: string; init?: RequestInit }): Promise<OAuth1Token>;
  /**
   * Exchanges the temporary credentials and verifier for token credentials at `url`, or at the
   * `accessTokenUrl` option when `url` is `undefined`.
   *
   * @param url the token credentials endpoint
   * @param options `verifier` (unless known already) and `init`, the request's options
   */
  fetchAccessToken(
    url: string | URL | undefined,
    options?: { verifier?: string; init?: RequestInit },
  ): Promise<OAuth1Token>;
  async fetchAccessToken(
    first?: string | URL | { verifier?: string; init?: RequestInit },
    second?: { verifier?: string; init?: RequestInit },
  ): Promise<OAuth1Token> {
    const { url, label, rest: options } = stepArguments(
      "fetchAccessToken",
      this.#options.accessTokenUrl,
      first,
      second,
    );
    const { verifier: given, init } = accessTokenOptions(options);
    const request = credentialsRequest(url, label, init, this.#allowInsecure);
    const temporary = flowCredentials(this.#credentials, "fetchAccessToken");
    const verifier = given ?? temporary.verifier;
    if (verifier === undefined) {
      throw new OAuthError(
        "verifier_missing",
        "fetchAccessToken needs the oauth_verifier: call parseAuthorizationResponse first or pass { verifier }",
      );
    }
    const signed = await this.#sign(request, { token: temporary.token, verifier });
    const secrets = [...this.#secrets(temporary.token.oauth_token_secret), verifier];
    const { token } = await this.#exchange(signed, "the access token endpoint", secrets);
    this.#credentials = { stage: "token", token };
    return { ...token };
  }

  /** A summary without secrets, for logs. */
  toJSON(): Record<string, unknown> {
    return {
      clientKey: this.#options.clientKey,
      signatureMethod: this.#signatureMethod,
      signatureType: this.#signatureType,
      authorized: this.authorized,
    };
  }

  async #sign(
    request: Request,
    values: { token?: OAuth1Token; callback?: string; verifier?: string },
  ): Promise<Request> {
    const url = new URL(request.url);
    assertSignableTransport(url, this.#signatureMethod, this.#allowInsecure);
    const protocol: ProtocolValues = {
      clientKey: this.#options.clientKey,
      signatureMethod: this.#signatureMethod,
      nonce: generated((this.#options.nonce ?? defaultNonce)(), "nonce"),
      timestamp: generated((this.#options.timestamp ?? defaultTimestamp)(), "timestamp"),
      includeVersion: this.#options.includeVersion ?? true,
      token: values.token?.oauth_token,
      callback: values.callback,
      verifier: values.verifier,
    };
    const loaded = machinery ?? await loadMachinery();
    return await loaded.signRequest(request, {
      protocol,
      signer: this.#signerFor(values.token?.oauth_token_secret ?? "", loaded),
      signatureType: this.#signatureType,
      realm: this.#options.realm,
      bodyHash: this.#options.bodyHash ? loaded.sha1BodyHash : undefined,
    }, url);
  }

  #signerFor(tokenSecret: string, loaded: Machinery): Signer {
    if (this.#signer?.tokenSecret === tokenSecret) return this.#signer.sign;
    const method = this.#signatureMethod;
    const secret = this.#options.clientSecret;
    const sign = isRsaMethod(method) && this.#privateKey !== undefined
      ? loaded.rsaSigner(this.#rsaKey ??= loaded.importRsaKey(this.#privateKey, method))
      : method === "PLAINTEXT"
      ? loaded.plaintextSigner(secret, tokenSecret)
      : loaded.hmacSigner(method as HmacMethod, secret, tokenSecret);
    this.#signer = { tokenSecret, sign };
    return sign;
  }

  /** Sends a credentials request and reads the credentials, within the deadline. */
  #exchange(signed: Request, endpoint: string, secrets: string[]) {
    return withDeadline(this.#timeout, signed.signal, async (signal) => {
      const response = await this.#send(signal ? new Request(signed, { signal }) : signed);
      const { readCredentialsResponse } = await loadMachinery();
      return {
        response,
        token: await readCredentialsResponse(response, signed, endpoint, secrets),
      };
    });
  }

  /** The secrets a provider could echo in an error page: cut out of error excerpts. */
  #secrets(tokenSecret?: string): string[] {
    return [this.#options.clientSecret, tokenSecret].filter((value): value is string => !!value);
  }

  #send(request: Request): Promise<Response> {
    return send(this.#options.fetch, request, networkError);
  }
}
