/**
 * The cookies of the web integration: read by a parser that accepts exactly the `Cookie`
 * header of RFC 6265 §4.2.1 and nothing more, written as host-only, HttpOnly, Secure,
 * SameSite=Lax cookies, and sealed with AES-256-GCM (a key derived from the app's secret by
 * HKDF-SHA-256, the cookie's name as additional data, an expiry inside the seal).
 *
 * @module
 */
import { decodeBase64urlIgnorePadding } from "@oslojs/encoding";
import { encodeBase64urlNoPadding } from "../_encoding.ts";

// RFC 6265 §4.2.1 with RFC 2616's token for the name; a value may be quoted.
const COOKIE_PAIR =
  /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=("?)([\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*)\2$/;

/**
 * The value of the cookie `name`, or `undefined` when the request has none, when its `Cookie`
 * header is not the RFC 6265 grammar, or when the name is there twice (a cookie planted by a
 * sibling domain beside the real one): a value the client cannot be sure of is no value.
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (header === null) return undefined;
  let found: string | undefined;
  for (const pair of header.split("; ")) {
    const match = COOKIE_PAIR.exec(pair);
    if (match === null) return undefined;
    if (match[1] !== name) continue;
    if (found !== undefined) return undefined;
    found = match[3];
  }
  return found;
}

/** A `Set-Cookie` value: host-only on `/`, HttpOnly, Secure, SameSite=Lax; 0 deletes. */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

/** Seals and opens cookie values with keys derived from one secret. */
export class CookieSealer {
  readonly #key: Promise<CryptoKey>;

  /**
   * Derives the sealing key.
   *
   * @param secret at least 32 characters, kept by the app
   */
  constructor(secret: string) {
    if (typeof secret !== "string" || secret.length < 32) {
      throw new TypeError("secret must be a string of at least 32 characters");
    }
    this.#key = deriveKey(secret);
  }

  /** `payload` as JSON, encrypted for the cookie `name`, valid until `expiresAt` (seconds). */
  async seal(name: string, payload: unknown, expiresAt: number): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(name) },
      await this.#key,
      new TextEncoder().encode(JSON.stringify({ exp: expiresAt, payload })),
    );
    const sealed = new Uint8Array(12 + ciphertext.byteLength);
    sealed.set(iv);
    sealed.set(new Uint8Array(ciphertext), 12);
    return encodeBase64urlNoPadding(sealed);
  }

  /**
   * The payload of `value`, or `undefined` when it is missing, tampered with, sealed for
   * another cookie or with another secret, or expired at `nowSeconds`.
   */
  async open(name: string, value: string | undefined, nowSeconds: number): Promise<unknown> {
    if (value === undefined || !/^[A-Za-z0-9_-]{40,}$/.test(value)) return undefined;
    try {
      const sealed = new Uint8Array(decodeBase64urlIgnorePadding(value));
      const plaintext = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: sealed.subarray(0, 12),
          additionalData: new TextEncoder().encode(name),
        },
        await this.#key,
        sealed.subarray(12),
      );
      const { exp, payload } = JSON.parse(new TextDecoder().decode(plaintext));
      return typeof exp === "number" && exp > nowSeconds ? payload : undefined;
    } catch {
      return undefined; // the tag did not verify: tampered, or another cookie's or secret's
    }
  }
}

async function deriveKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "HKDF",
    false,
    ["deriveKey"],
  );
  return await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(0),
      info: new TextEncoder().encode("@x/oauth web: sealed cookies v1"),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}
