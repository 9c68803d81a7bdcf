/**
 * The cookies of the web integration: read strictly by name from a `Cookie` header whose other
 * cookies may be anything, written as host-only, HttpOnly, Secure, SameSite=Lax cookies (`None`
 * for a login answered by a cross-site form POST), and
 * sealed with AES-256-GCM (a key derived from the app's secret by HKDF-SHA-256, the cookie's
 * name as additional data, an expiry inside the seal).
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { decodeBase64urlNoPadding, encodeBase64urlNoPadding } from "../_encoding.ts";

// RFC 6265 §4.1.1's cookie-value: cookie-octets, possibly between double quotes.
const COOKIE_VALUE = /^("?)([\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*)\1$/;

// What `seal` produces: base64url without padding of the IV, the ciphertext and the tag.
const SEALED_VALUE = /^[A-Za-z0-9_-]{40,}$/;

/**
 * The value of the cookie `name`, or `undefined` when the request has none, when its value is
 * not RFC 6265's cookie-value (double quotes around it are removed), or when the name is there
 * twice. Only that cookie must be well-formed; the others may be anything, and are passed
 * over: a site on a sibling domain can set cookies that this site's browsers then send, and
 * one odd cookie of its must not hide this site's.
 *
 * @example
 * ```ts
 * import { readCookie } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const request = new Request("https://app.example/", {
 *   headers: { cookie: 'prefs=dark mode; data="{\\"a\\":1}"; sid=abc123' },
 * });
 * assert.equal(readCookie(request, "sid"), "abc123");
 * assert.equal(readCookie(request, "prefs"), undefined); // a space is no cookie-octet
 * assert.equal(readCookie(request, "theme"), undefined);
 * ```
 */
export function readCookie(request: Request, name: string): string | undefined {
  const values = cookieValuesNamed(request.headers.get("cookie") ?? "", name);
  return (values.length === 1 ? COOKIE_VALUE.exec(values[0]) : null)?.[2];
}

/**
 * Every cookie whose name starts with `prefix`, by name, read as {@linkcode readCookie} reads
 * one but only in the alphabet that `CookieSealer.seal` writes, unquoted: a login cookie is
 * ours, and anything else under such a name was not written by us. A name there twice is left
 * out, as `readCookie` refuses it.
 */
export function readSealedCookies(request: Request, prefix: string): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const [name, value] of cookiePairs(request.headers.get("cookie") ?? "")) {
    if (name.startsWith(prefix)) byName.set(name, [...byName.get(name) ?? [], value]);
  }
  const sealed = new Map<string, string>();
  for (const [name, values] of byName) {
    if (values.length === 1 && SEALED_VALUE.test(values[0])) sealed.set(name, values[0]);
  }
  return sealed;
}

/** The values, as sent, of every cookie named exactly `name` in a `Cookie` header. */
function cookieValuesNamed(header: string, name: string): string[] {
  return [...cookiePairs(header)].flatMap(([found, value]) => found === name ? [value] : []);
}

/**
 * The name and value, as sent, of each cookie of a `Cookie` header.
 *
 * A browser starts a cookie only at the start of the header or after a `;`: a value can hold
 * anything else (spaces, commas, quotes, `=`), so the header is split at `;` alone, and only
 * the pair at the start of each piece counts, spaces and tabs around it left out. A pair after
 * `, ` is passed over, though that is how `Headers` joins two `Cookie` fields (RFC 9113 §8.2.3
 * would join them with `; `): a sibling site can write that text, in its own cookie's value or
 * as a nameless cookie (which browsers send as its bare value), and must not plant a cookie
 * under our name. Other whitespace is not left out either: browsers strip only spaces and tabs
 * from what a site sets, so it could hide a nameless cookie's `__Host-…=` behind a no-break
 * space from the check that refuses it.
 *
 * The readers refuse a name that is there twice rather than take either: browsers send the
 * cookie of the longer path first, so a site able to set a cookie of that name (on a sibling
 * domain, unless the name is `__Host-` prefixed) would choose the value taken; refusing costs a
 * login that starts again.
 */
function* cookiePairs(header: string): Generator<[string, string]> {
  for (const piece of header.split(";")) {
    const pair = piece.replace(/^[ \t]+/, "").split(", ", 1)[0].replace(/[ \t]+$/, "");
    const equals = pair.indexOf("=");
    if (equals >= 0) yield [pair.slice(0, equals), pair.slice(equals + 1)];
  }
}

/** Options of {@linkcode setCookie}. */
export interface SetCookieOptions {
  /**
   * `Lax` (the default) is sent with top-level `GET` navigations from other sites, not with their
   * form `POST`s; `None` is sent with those too, which a login answered by a cross-site form
   * `POST` (`response_mode=form_post`) needs.
   */
  sameSite?: "Lax" | "None";
}

/**
 * A `Set-Cookie` value: host-only on `/`, HttpOnly, Secure, SameSite=Lax (or `None`); 0
 * deletes.
 *
 * @example
 * ```ts
 * import { setCookie } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   setCookie("sid", "abc123", 3600),
 *   "sid=abc123; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax",
 * );
 * assert.match(setCookie("login", "x", 600, { sameSite: "None" }), /; Secure; SameSite=None$/);
 * ```
 */
export function setCookie(
  name: string,
  value: string,
  maxAgeSeconds: number,
  options: SetCookieOptions = {},
): string {
  const sameSite = options.sameSite ?? "Lax";
  if (sameSite !== "Lax" && sameSite !== "None") {
    throw new TypeError('sameSite must be "Lax" or "None"');
  }
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=${sameSite}`;
}

/**
 * Seals and opens cookie values with keys derived from one secret.
 *
 * @example
 * ```ts
 * import { CookieSealer } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const sealer = new CookieSealer("a long secret for sealing the login cookies");
 * const now = Math.floor(Date.now() / 1000);
 * const sealed = await sealer.seal("session", { user: "ada" }, now + 60);
 * assert.deepEqual(await sealer.open("session", sealed, now), { user: "ada" });
 * assert.equal(await sealer.open("another", sealed, now), undefined);
 * assert.equal(JSON.stringify(sealer), '{"algorithm":"AES-256-GCM"}'); // never the secret
 * ```
 */
export class CookieSealer extends SecretFree {
  readonly #key: Promise<CryptoKey>;

  /**
   * Derives the sealing key.
   *
   * @param secret at least 32 characters, kept by the app
   */
  constructor(secret: string) {
    super();
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
    if (value === undefined || !SEALED_VALUE.test(value)) return undefined;
    const sealed = decodeBase64urlNoPadding(value);
    if (sealed === undefined) return undefined;
    try {
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

  /** The cipher, never the secret nor the key: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { algorithm: "AES-256-GCM" };
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
