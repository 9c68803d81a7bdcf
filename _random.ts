/**
 * Random values from `crypto.getRandomValues`, never `Math.random`. Internal.
 *
 * @module
 */

import { encodeBase64urlNoPadding } from "./_encoding.ts";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// The largest multiple of 62 below 256: bytes at or above it are redrawn, so every character
// is equally likely.
const UNBIASED_LIMIT = 248;

// Random bytes are drawn in batches: one getRandomValues call serves many nonces. Pure, so
// that bundles without nonces leave the pool out.
const POOL_BYTES = 4096;
const pool = /* @__PURE__ */ new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomByte(): number {
  if (poolOffset === POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

/** `length` characters drawn uniformly from `A-Z a-z 0-9` (about 5.95 bits each). */
export function randomAlphanumeric(length: number): string {
  let result = "";
  while (result.length < length) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) result += ALPHANUMERIC[byte % 62];
  }
  return result;
}

/** `bytes` random bytes as base64url without padding (32 bytes: 43 characters, 256 bits). */
export function randomBase64url(bytes: number): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}
