/**
 * The signature methods of RFC 5849 §3.4.2–§3.4.4 and their SHA-2 variants.
 *
 * @module
 */
import { encodeBase64, percentEncode } from "../_encoding.ts";
import { hmacSha1 } from "../_sha1.ts";
import { hmacSha256 } from "./_sha256.ts";

/** Turns a signature base string into the `oauth_signature` value. */
export type Signer = (baseString: string) => string | Promise<string>;

/** An `HMAC-*` method name. */
export type HmacMethod = "HMAC-SHA1" | "HMAC-SHA256" | "HMAC-SHA512";

// The WebCrypto hash of each HMAC method.
const HMAC_HASHES = {
  "HMAC-SHA1": "SHA-1",
  "HMAC-SHA256": "SHA-256",
  "HMAC-SHA512": "SHA-512",
} as const;

/**
 * The shared-secret key of RFC 5849 §3.4.2: both secrets percent-encoded and joined by `&`.
 * An absent secret is the empty string. This is also the PLAINTEXT signature (§3.4.4).
 *
 * @example
 * ```ts
 * import { signingKey } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.equal(signingKey("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"), "kd94hf93k423kf44&pfkkdhi9sl3r4s00");
 * assert.equal(signingKey("a&b", undefined), "a%26b&");
 * ```
 */
export function signingKey(clientSecret = "", tokenSecret = ""): string {
  return `${percentEncode(clientSecret)}&${percentEncode(tokenSecret)}`;
}

const utf8 = /* @__PURE__ */ new TextEncoder();

// Base strings are encoded into one reused buffer instead of a new array per request; the HMAC
// reads it before returning, so no two signatures share it. Longer strings (large form bodies)
// get their own array, so the buffer never holds on to much memory.
const SCRATCH_CHARACTERS = 2048;
let scratch: Uint8Array | undefined;

/** The UTF-8 bytes of `text`, in the shared buffer when they fit: valid until the next call. */
function utf8Bytes(text: string): Uint8Array {
  if (text.length > SCRATCH_CHARACTERS) return utf8.encode(text);
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  scratch ??= new Uint8Array(3 * SCRATCH_CHARACTERS);
  return scratch.subarray(0, utf8.encodeInto(text, scratch).written);
}

/**
 * An HMAC signer (RFC 5849 §3.4.2) for a client that signs many requests. HMAC-SHA1, the method
 * nearly every provider uses, and HMAC-SHA256 are computed synchronously, with the key's pad
 * blocks hashed once per signer: an awaited WebCrypto HMAC costs a thread hop per request,
 * several times the cost of hashing a few hundred bytes in place. HMAC-SHA512, rare, uses
 * {@linkcode webCryptoHmacSigner}.
 */
export function hmacSigner(
  method: HmacMethod,
  clientSecret?: string,
  tokenSecret?: string,
): Signer {
  if (method === "HMAC-SHA512") return webCryptoHmacSigner(method, clientSecret, tokenSecret);
  const key = utf8.encode(signingKey(clientSecret, tokenSecret));
  const mac = method === "HMAC-SHA1" ? hmacSha1(key) : hmacSha256(key);
  return (baseString) => encodeBase64(mac(utf8Bytes(baseString)));
}

/**
 * An HMAC signer on WebCrypto alone, the key imported on first use: what the standalone
 * `signOAuth1Request` uses, so that its bundle carries no hash code of its own.
 */
export function webCryptoHmacSigner(
  method: HmacMethod,
  clientSecret?: string,
  tokenSecret?: string,
): Signer {
  const key = utf8.encode(signingKey(clientSecret, tokenSecret));
  const hash = HMAC_HASHES[method];
  let imported: Promise<CryptoKey> | undefined;
  return async (baseString) => {
    imported ??= crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
    const signature = await crypto.subtle.sign("HMAC", await imported, utf8.encode(baseString));
    return encodeBase64(new Uint8Array(signature));
  };
}

/** An RSASSA-PKCS1-v1_5 signer (RFC 5849 §3.4.3) over a private key imported for its hash. */
export function rsaSigner(privateKey: () => Promise<CryptoKey>): Signer {
  return async (baseString) => {
    const key = await privateKey();
    const signature = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      key,
      utf8.encode(baseString),
    );
    return encodeBase64(new Uint8Array(signature));
  };
}

/** The PLAINTEXT "signer" (RFC 5849 §3.4.4): the key itself, whatever the request. */
export function plaintextSigner(clientSecret?: string, tokenSecret?: string): Signer {
  const key = signingKey(clientSecret, tokenSecret);
  return () => key;
}
