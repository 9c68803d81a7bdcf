/**
 * The options of `OAuth1Client`, checked once at construction: a wrong type or a missing
 * value is a `TypeError` that names the option.
 *
 * @module
 */
import { timeoutOption } from "../_deadline.ts";
import { type CrossOriginRedirect, crossOriginRedirectOption } from "../_redirects.ts";
import { expectType, parseSecureUrl, typeOf } from "../_transport.ts";
import { compose, type Hooks } from "../_hooks.ts";
import type { FetchLike } from "../_send.ts";
import { isRsaMethod, isSignatureMethod, SIGNATURE_METHODS } from "./method_names.ts";
import type { SignatureMethod, SignatureType } from "./types.ts";

export type { FetchLike };

/** Options of {@linkcode OAuth1Client}. */
export interface OAuth1ClientOptions {
  /** The client (consumer) key. */
  clientKey: string;
  /** The client (consumer) secret; absent means empty (RFC 5849 §3.4.2). */
  clientSecret?: string;
  /** Token credentials held from an earlier flow. */
  token?: string;
  /** The secret of `token`; absent means empty. */
  tokenSecret?: string;
  /** Where the provider sends the user back; `fetchRequestToken` sends `oob` without one. */
  callbackUri?: string;
  /** A verification code already known (for example typed in by the user after `oob`). */
  verifier?: string;
  /** The `realm` of the `Authorization` header (not signed). */
  realm?: string;
  /**
   * Where temporary credentials come from (RFC 5849 §2.1): the URL `fetchRequestToken()` uses
   * when it is given none. Its query is kept and signed.
   */
  requestTokenUrl?: string;
  /**
   * Where the user authorizes (RFC 5849 §2.2): the URL `authorizationUrl()` uses when it is given
   * none. Its query is kept as written, so a provider's own parameters (Flickr's `perms`) can
   * live here.
   */
  authorizeUrl?: string;
  /**
   * Where token credentials come from (RFC 5849 §2.3): the URL `fetchAccessToken()` uses when
   * it is given none.
   */
  accessTokenUrl?: string;
  /** Default `HMAC-SHA1`. */
  signatureMethod?: SignatureMethod;
  /** Where the protocol parameters go; default `header`. */
  signatureType?: SignatureType;
  /** The RSA private key for `RSA-*`: a `CryptoKey`, or a PKCS#8 or PKCS#1 PEM string. */
  privateKey?: CryptoKey | string;
  /** Send `oauth_version="1.0"`, as oauthlib does; default `true`. */
  includeVersion?: boolean;
  /** Send `oauth_body_hash` for bodies that are not form-encoded; default `false`. */
  bodyHash?: boolean;
  /** Makes the nonce; default 30 random alphanumerics. */
  nonce?: () => string;
  /** Makes the timestamp; default the current Unix time in seconds. */
  timestamp?: () => string;
  /** The `fetch` to send requests with; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Deadline of each exchange with a server, in milliseconds; default 30 000, `0` for none. */
  timeout?: number;
  /** A redirect of `client.fetch` to another origin: followed unsigned, or refused. */
  crossOriginRedirect?: CrossOriginRedirect;
  /**
   * Compliance hooks; OAuth 1.0a uses `protectedRequest`, which runs before signing, so what a
   * hook adds (a header, a query parameter) is signed too.
   */
  hooks?: Hooks | Hooks[];
  /**
   * Security relevant. `false` accepts temporary credentials without
   * `oauth_callback_confirmed=true`, for legacy OAuth 1.0 providers that never confirm the
   * callback; default `true`, which refuses them with `callback_not_confirmed`. The value is
   * compared without regard to case (Authlib sends `True`).
   *
   * Turning it off brings back the session-fixation attack that OAuth 1.0a fixed (OAuth
   * Security Advisory 2009.1, RFC 5849 §2.1): a provider that does not confirm the callback
   * may be an OAuth 1.0 one, which binds neither the callback nor a verifier to the temporary
   * credentials, so an attacker can start a flow, get a victim to authorize it, and finish it
   * with the victim's access. Use it only for a provider known to be OAuth 1.0, never to
   * silence the error for an OAuth 1.0a one.
   *
   * @default {true}
   * @example A legacy OAuth 1.0 provider
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const legacy = () => Promise.resolve(new Response("oauth_token=t&oauth_token_secret=s"));
   * const strict = new OAuth1Client({ clientKey: "key", fetch: legacy });
   * await assert.rejects(strict.fetchRequestToken("https://provider.example/request_token"), {
   *   code: "callback_not_confirmed",
   * });
   *
   * const relaxed = new OAuth1Client({ clientKey: "key", fetch: legacy, requireCallbackConfirmed: false });
   * const temporary = await relaxed.fetchRequestToken("https://provider.example/request_token");
   * assert.equal(temporary.oauth_token, "t");
   * ```
   */
  requireCallbackConfirmed?: boolean;
  /**
   * Security relevant. `true` lets requests go to `http:` URLs beyond loopback (`localhost`,
   * `127.0.0.0/8`, `[::1]`, which are always allowed): signed requests, the credential
   * endpoints and the authorization URL. For test servers and providers on a private
   * network; anyone on the path can read and replay what is sent. PLAINTEXT stays
   * https-only whatever this says, since its signature is the secrets (RFC 5849 §3.4.4).
   *
   * @default {false}
   * @example A test provider on the private network
   * ```ts
   * import { OAuth1Client } from "@x/oauth";
   * import assert from "node:assert/strict";
   *
   * const options = { clientKey: "key", clientSecret: "secret", token: "t", tokenSecret: "s" };
   * const request = () => new Request("http://provider.test.internal/api/me");
   * await assert.rejects(new OAuth1Client(options).sign(request()), { code: "insecure_transport" });
   *
   * const client = new OAuth1Client({ ...options, allowInsecureRequests: true });
   * const signed = await client.sign(request());
   * assert.match(signed.headers.get("authorization")!, /oauth_signature_method="HMAC-SHA1"/);
   *
   * const plaintext = new OAuth1Client({ ...options, allowInsecureRequests: true, signatureMethod: "PLAINTEXT" });
   * await assert.rejects(plaintext.sign(request()), { code: "insecure_transport" });
   * ```
   */
  allowInsecureRequests?: boolean;
}

const STRING_OPTIONS = [
  "clientSecret",
  "token",
  "tokenSecret",
  "callbackUri",
  "verifier",
  "realm",
] as const;
const BOOLEAN_OPTIONS = [
  "includeVersion",
  "bodyHash",
  "requireCallbackConfirmed",
  "allowInsecureRequests",
] as const;
const FUNCTION_OPTIONS = ["nonce", "timestamp", "fetch"] as const;
const URL_OPTIONS = ["requestTokenUrl", "authorizeUrl", "accessTokenUrl"] as const;
// A function, not a set built at load time: an OAuth 2.0-only bundle then leaves it out.
const knownOptions = () => [
  "hooks",
  "timeout",
  "crossOriginRedirect",
  "clientKey",
  "signatureMethod",
  "signatureType",
  "privateKey",
  ...STRING_OPTIONS,
  ...BOOLEAN_OPTIONS,
  ...FUNCTION_OPTIONS,
  ...URL_OPTIONS,
];
const SIGNATURE_TYPES: readonly SignatureType[] = ["header", "query", "body"];
const REALM = /^[\x20-\x7e]*$/;

/** The OAuth 1.0a client's hooks, composed; only `protectedRequest` applies to OAuth 1.0a. */
export function oauth1Hooks(hooks: Hooks | Hooks[] | undefined): Hooks {
  if (hooks === undefined) return {};
  const composed = compose(...(Array.isArray(hooks) ? hooks : [hooks]));
  const other = Object.keys(composed).find((point) => point !== "protectedRequest");
  if (other !== undefined) {
    throw new TypeError(`hooks.${other} does not apply to OAuth 1.0a: only protectedRequest does`);
  }
  return composed;
}

/** Checks every option's type and value; returns nothing, throws `TypeError`. */
export function validateOAuth1Options(options: OAuth1ClientOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`OAuth1Client options must be an object, got ${typeOf(options)}`);
  }
  const known = knownOptions();
  const unknown = Object.keys(options).find((name) => !known.includes(name));
  if (unknown !== undefined) throw new TypeError(`unknown OAuth1Client option "${unknown}"`);
  if (typeof options.clientKey !== "string" || options.clientKey === "") {
    throw new TypeError(`clientKey must be a non-empty string, got ${typeOf(options.clientKey)}`);
  }
  for (const name of STRING_OPTIONS) expectType(options[name], name, "string");
  for (const name of BOOLEAN_OPTIONS) expectType(options[name], name, "boolean");
  for (const name of FUNCTION_OPTIONS) expectType(options[name], name, "function");
  if (options.signatureMethod !== undefined && !isSignatureMethod(options.signatureMethod)) {
    throw new TypeError(`signatureMethod must be one of ${SIGNATURE_METHODS.join(", ")}`);
  }
  if (options.signatureType !== undefined && !SIGNATURE_TYPES.includes(options.signatureType)) {
    throw new TypeError(`signatureType must be one of ${SIGNATURE_TYPES.join(", ")}`);
  }
  if (options.tokenSecret !== undefined && !options.token) {
    throw new TypeError("tokenSecret was given without token");
  }
  if (options.verifier !== undefined && !options.token) {
    throw new TypeError("verifier was given without token: it belongs to temporary credentials");
  }
  timeoutOption(options.timeout);
  crossOriginRedirectOption(options.crossOriginRedirect);
  if (options.realm !== undefined && !REALM.test(options.realm)) {
    throw new TypeError("realm must be printable ASCII, without control characters");
  }
  if (
    options.callbackUri !== undefined && options.callbackUri !== "oob" &&
    !URL.canParse(options.callbackUri)
  ) {
    throw new TypeError('callbackUri must be an absolute URI or "oob" (RFC 5849 §2.1)');
  }
  for (const name of URL_OPTIONS) {
    if (options[name] === undefined) continue;
    if (typeof options[name] !== "string") {
      throw new TypeError(`${name} must be a string URL, got ${typeOf(options[name])}`);
    }
    parseSecureUrl(options[name], name, name, options.allowInsecureRequests === true);
  }
  const method = options.signatureMethod ?? "HMAC-SHA1";
  if (!isRsaMethod(method) && options.privateKey !== undefined) {
    throw new TypeError("privateKey is only used by the RSA-* signature methods");
  }
}
