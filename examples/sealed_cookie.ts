/**
 * Encrypted cookies for the login examples, on WebCrypto only: AES-256-GCM with a key derived
 * from the app's secret by HKDF-SHA-256. The cookie's name is the additional authenticated
 * data, so a value sealed for one cookie does not open as another, and every payload carries
 * its own expiry, checked on opening whatever the browser did with `Max-Age`.
 *
 * Cookie headers are read and written by hand here, as the examples need only two cookies of
 * their own making; an app with more cookies should use a cookie library.
 *
 * @module
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";

/** A key to seal and open cookies with, derived once per secret; a short secret throws at once. */
export function cookieKey(secret: string): Promise<CryptoKey> {
  if (typeof secret !== "string" || secret.length < 32) {
    throw new TypeError("the cookie secret must be a string of at least 32 characters");
  }
  return deriveKey(secret);
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
      info: new TextEncoder().encode("@x/oauth examples: sealed cookies v1"),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** `payload` as JSON, encrypted for the cookie `name` until `expiresAt` (unix seconds). */
export async function seal(
  key: CryptoKey,
  name: string,
  payload: unknown,
  expiresAt: number,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify({ exp: expiresAt, payload }));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(name) },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(iv.length + ciphertext.byteLength);
  sealed.set(iv);
  sealed.set(new Uint8Array(ciphertext), iv.length);
  return encodeBase64urlNoPadding(sealed);
}

/**
 * The payload sealed in `value` for the cookie `name`, or undefined when the value is
 * missing, tampered with, sealed for another cookie or under another secret, or expired.
 */
export async function open(
  key: CryptoKey,
  name: string,
  value: string | undefined,
  nowSeconds: number,
): Promise<unknown> {
  if (!value || !/^[A-Za-z0-9_-]{40,}$/.test(value)) return undefined;
  const sealed = new Uint8Array(decodeBase64urlIgnorePadding(value));
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: sealed.subarray(0, 12),
        additionalData: new TextEncoder().encode(name),
      },
      key,
      sealed.subarray(12),
    );
    const { exp, payload } = JSON.parse(new TextDecoder().decode(plaintext));
    return typeof exp === "number" && exp > nowSeconds ? payload : undefined;
  } catch {
    return undefined; // a failed tag check: tampered, or another cookie's or secret's value
  }
}

/** The value of the cookie `name` in the request's `Cookie` header (RFC 6265 §5.4 form). */
export function readCookie(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get("cookie") ?? "").split("; ")) {
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator) === name) return pair.slice(separator + 1);
  }
  return undefined;
}

/**
 * A `Set-Cookie` value for a host-only cookie (`__Host-` names need exactly these attributes):
 * HttpOnly so scripts cannot read it, Secure, and SameSite=Lax so that it comes back on the
 * provider's top-level redirect but not on cross-site POSTs. `maxAge` 0 deletes it.
 */
export function setCookie(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}
