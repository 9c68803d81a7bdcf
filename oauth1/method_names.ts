/**
 * Which signature methods exist, and which of them sign with an RSA key: what the constructor
 * checks, kept apart from the signing code in `signature_methods.ts`, which loads on first use.
 *
 * @module
 */
import type { SignatureMethod } from "./types.ts";

/**
 * Every signature method this library signs with.
 *
 * @example
 * ```ts
 * import { SIGNATURE_METHODS } from "@x/oauth/oauth1";
 * import assert from "node:assert/strict";
 *
 * assert.ok(SIGNATURE_METHODS.includes("RSA-SHA256"));
 * ```
 */
export const SIGNATURE_METHODS: readonly SignatureMethod[] = [
  "HMAC-SHA1",
  "HMAC-SHA256",
  "HMAC-SHA512",
  "RSA-SHA1",
  "RSA-SHA256",
  "RSA-SHA512",
  "PLAINTEXT",
];

/** The hash that an `RSA-*` method signs with, as WebCrypto names it. */
export const RSA_HASHES = {
  "RSA-SHA1": "SHA-1",
  "RSA-SHA256": "SHA-256",
  "RSA-SHA512": "SHA-512",
} as const;

/** An `RSA-*` method name. */
export type RsaMethod = keyof typeof RSA_HASHES;

/** Whether a value names a supported signature method. */
export function isSignatureMethod(value: unknown): value is SignatureMethod {
  return SIGNATURE_METHODS.includes(value as SignatureMethod);
}

/** Whether a method signs with an RSA private key. */
export function isRsaMethod(method: SignatureMethod): method is RsaMethod {
  return method in RSA_HASHES;
}
