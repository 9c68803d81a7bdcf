/**
 * SHA-1 (FIPS 180-4 §6.1) and HMAC-SHA1 (RFC 2104): the compression function, in the frame of
 * `_block_hash.ts` (synchronous, allocation-light, pad blocks hashed once per key). Internal.
 *
 * SHA-1 is used here only where RFC 5849 requires it (HMAC-SHA1, oauth_body_hash).
 *
 * @module
 */
import { blockHash } from "./_block_hash.ts";

// The scratch buffers are marked pure so that bundles without SHA-1 leave them out.
const INITIAL_STATE = /* @__PURE__ */ new Int32Array([
  0x67452301,
  0xefcdab89,
  0x98badcfe,
  0x10325476,
  0xc3d2e1f0,
]);
// The message schedule, reused by every compression: hashing is synchronous, so no two
// compressions ever interleave.
const schedule = /* @__PURE__ */ new Int32Array(80);

function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  const w = schedule;
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
  }
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
  // Four loops of 20 rounds, one per round function, keep each loop free of branches.
  for (let t = 0; t < 20; t++) {
    const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]) | 0;
    e = d, d = c, c = (b << 30) | (b >>> 2), b = a, a = temp;
  }
  for (let t = 20; t < 40; t++) {
    const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]) | 0;
    e = d, d = c, c = (b << 30) | (b >>> 2), b = a, a = temp;
  }
  for (let t = 40; t < 60; t++) {
    const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t]) |
      0;
    e = d, d = c, c = (b << 30) | (b >>> 2), b = a, a = temp;
  }
  for (let t = 60; t < 80; t++) {
    const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]) | 0;
    e = d, d = c, c = (b << 30) | (b >>> 2), b = a, a = temp;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}

// Pure, so that bundles without SHA-1 leave it out.
const SHA1 = /* @__PURE__ */ blockHash(compress, INITIAL_STATE);

/** The SHA-1 digest of `message`. */
export function sha1(message: Uint8Array): Uint8Array {
  return SHA1.hash(message);
}

/** An HMAC-SHA1 function for one key (RFC 2104): the key's pad blocks are hashed once. */
export function hmacSha1(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  return SHA1.hmac(key);
}
