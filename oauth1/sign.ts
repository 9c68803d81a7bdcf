/**
 * Signing one request without a client: for apps that hold token credentials and only need
 * `Authorization` headers, at a fraction of the client's bundle size.
 *
 * @module
 */
import { randomAlphanumeric } from "../_random.ts";
import { expectType, typeOf } from "../_transport.ts";
import { type HmacMethod, plaintextSigner, webCryptoHmacSigner } from "./signature_methods.ts";
import { authorizationHeader } from "./authorization_header.ts";
import { type ProtocolValues, signedParameters, signRequest } from "./_signing.ts";
import { assertSignableTransport } from "./transport.ts";
import type { SignatureType } from "./types.ts";

/** Options of {@linkcode signOAuth1Request}. */
export interface SignOAuth1RequestOptions {
  /** The client (consumer) key. */
  clientKey: string;
  /** The client (consumer) secret; absent means empty. */
  clientSecret?: string;
  /** The token credentials' identifier, if any. */
  token?: string;
  /** The token credentials' secret; absent means empty. */
  tokenSecret?: string;
  /** Default `HMAC-SHA1`; RSA methods need `OAuth1Client`. */
  signatureMethod?: HmacMethod | "PLAINTEXT";
  /** Default `header`. */
  signatureType?: SignatureType;
  /** The `realm` of the `Authorization` header. */
  realm?: string;
  /** Send `oauth_version="1.0"`; default `true`. */
  includeVersion?: boolean;
  /** A nonce of your own; default 30 random alphanumerics. */
  nonce?: string;
  /** A timestamp of your own; default now, in Unix seconds. */
  timestamp?: string;
  /**
   * Security relevant. `true` signs requests to `http:` URLs beyond loopback, which are
   * refused by default (`insecure_transport`); PLAINTEXT stays https-only whatever this says
   * (RFC 5849 §3.4.4).
   *
   * @default {false}
   * @example
   * ```ts
   * import { oauth1AuthorizationHeader } from "@x/oauth/oauth1";
   * import assert from "node:assert/strict";
   *
   * const authorization = await oauth1AuthorizationHeader(new Request("http://api.test.internal/x"), {
   *   clientKey: "key",
   *   clientSecret: "secret",
   *   allowInsecureRequests: true,
   * });
   * assert.match(authorization, /^OAuth oauth_nonce="/);
   * ```
   */
  allowInsecureRequests?: boolean;
}

const METHODS = new Set(["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"]);

/**
 * Signs a request with OAuth 1.0a (RFC 5849 §3) and returns a new one, exactly as
 * `OAuth1Client.sign()` does for the same credentials (byte for byte as oauthlib).
 *
 * @example
 * ```ts
 * import { signOAuth1Request } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * const signed = await signOAuth1Request(new Request("https://api.example/statuses?count=5"), {
 *   clientKey: "key",
 *   clientSecret: "secret",
 *   token: "token",
 *   tokenSecret: "token-secret",
 * });
 * assert.match(signed.headers.get("authorization")!, /^OAuth oauth_nonce="[A-Za-z0-9]{30}", /);
 * ```
 */
export async function signOAuth1Request(
  request: Request,
  options: SignOAuth1RequestOptions,
): Promise<Request> {
  const { url, sign } = prepare(request, options, "signOAuth1Request");
  return await signRequest(request, {
    ...sign,
    signatureType: options.signatureType ?? "header",
    realm: options.realm,
  }, url);
}

/**
 * The `Authorization` header value (RFC 5849 §3.5.1) that signs a request, for code that sends
 * requests its own way: the same signature as {@linkcode signOAuth1Request} with header
 * placement, and the smallest bundle of all (the request is only read, never rebuilt).
 *
 * @example
 * ```ts
 * import { oauth1AuthorizationHeader } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * const request = new Request("https://api.example/statuses?count=5");
 * const authorization = await oauth1AuthorizationHeader(request, {
 *   clientKey: "key",
 *   clientSecret: "secret",
 *   token: "token",
 *   tokenSecret: "token-secret",
 * });
 * assert.match(authorization, /^OAuth oauth_nonce="[A-Za-z0-9]{30}", /);
 * ```
 */
export async function oauth1AuthorizationHeader(
  request: Request,
  options: Omit<SignOAuth1RequestOptions, "signatureType">,
): Promise<string> {
  const { url, sign } = prepare(request, options, "oauth1AuthorizationHeader");
  const { signed } = await signedParameters(request, sign, url);
  return authorizationHeader(signed, options.realm);
}

/** The checked request URL and the signing inputs shared by both entry points. */
function prepare(request: Request, options: SignOAuth1RequestOptions, caller: string) {
  if (!(request instanceof Request)) {
    throw new TypeError(`${caller} needs a Request, got ${typeOf(request)}`);
  }
  if (typeof options?.clientKey !== "string" || options.clientKey === "") {
    throw new TypeError("clientKey must be a non-empty string");
  }
  const method = options.signatureMethod ?? "HMAC-SHA1";
  if (!METHODS.has(method)) {
    throw new TypeError("signatureMethod must be HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT");
  }
  expectType(options.allowInsecureRequests, "allowInsecureRequests", "boolean");
  const url = new URL(request.url);
  assertSignableTransport(url, method, options.allowInsecureRequests === true);
  const { clientSecret, tokenSecret } = options;
  const protocol: ProtocolValues = {
    clientKey: options.clientKey,
    signatureMethod: method,
    nonce: options.nonce ?? randomAlphanumeric(30),
    timestamp: options.timestamp ?? String(Math.floor(Date.now() / 1000)),
    includeVersion: options.includeVersion ?? true,
    token: options.token,
  };
  const signer = method === "PLAINTEXT"
    ? plaintextSigner(clientSecret, tokenSecret)
    : webCryptoHmacSigner(method, clientSecret, tokenSecret);
  return { url, sign: { protocol, signer } };
}
