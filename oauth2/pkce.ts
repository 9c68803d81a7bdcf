/**
 * Proof Key for Code Exchange (RFC 7636).
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";
import { randomBase64url } from "../_random.ts";

/** A PKCE method: `S256` (the default and the only one RFC 9700 §2.1.1 recommends) or `plain`. */
export type PkceMethod = "S256" | "plain";

// RFC 7636 §4.1: 43 to 128 characters from the unreserved set.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A new code verifier: 32 random bytes, base64url-encoded (43 characters, 256 bits), as
 * RFC 7636 §4.1 recommends.
 *
 * @example
 * ```ts
 * import { generateCodeVerifier } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateCodeVerifier(), /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export function generateCodeVerifier(): string {
  return randomBase64url(32);
}

/** Checks a caller's code verifier against RFC 7636 §4.1, or throws a `TypeError`. */
export function assertCodeVerifier(verifier: unknown): string {
  if (typeof verifier !== "string" || !VERIFIER.test(verifier)) {
    throw new TypeError("codeVerifier must be 43 to 128 unreserved characters (RFC 7636 §4.1)");
  }
  return verifier;
}

/**
 * The code challenge of a verifier (RFC 7636 §4.2): `BASE64URL(SHA256(verifier))` for `S256`,
 * the verifier itself for `plain`.
 *
 * @example The RFC 7636 Appendix B vector
 * ```ts
 * import { codeChallenge } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256"),
 *   "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
 * );
 * ```
 */
export async function codeChallenge(verifier: string, method: PkceMethod): Promise<string> {
  if (method === "plain") return verifier;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/** The `pkce` option of a client: `S256` unless set; `"plain"` and `false` only when asked for. */
export function pkceOption(value: unknown): PkceMethod | false {
  const pkce = value ?? "S256";
  if (pkce !== "S256" && pkce !== "plain" && pkce !== false) {
    throw new TypeError('pkce must be "S256", "plain" or false');
  }
  return pkce;
}
