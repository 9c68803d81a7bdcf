/**
 * SHA-1 (FIPS 180-4 §6.1) and HMAC-SHA1 (RFC 2104), synchronous and allocation-light, for the
 * OAuth 1.0a hot path. HMAC hashes the key's inner and outer pad blocks once per key, so a
 * signature costs only the message's blocks plus one outer block. Internal.
 *
 * SHA-1 is used here only where RFC 5849 requires it (HMAC-SHA1, oauth_body_hash).
 *
 * @module
 */

// The scratch buffers are marked pure so that bundles without SHA-1 leave them out.
const INITIAL_STATE = /* @__PURE__ */ new Int32Array([
  0x67452301,
  0xefcdab89,
  0x98badcfe,
  0x10325476,
  0xc3d2e1f0,
]);
const BLOCK_BYTES = 64;
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

// Scratch space for finishing a hash, reused for the same reason as the schedule: typed
// array allocations go to the native allocator and cost more than the hashing itself.
const working = /* @__PURE__ */ new Int32Array(5);
// Two blocks: the most that padding a message's last bytes can take.
const tail = /* @__PURE__ */ new Uint8Array(128);
const innerDigest = /* @__PURE__ */ new Uint8Array(20);

/**
 * Finishes a hash whose state `start` already covers `prefixBytes` bytes (whole blocks) by
 * hashing `message` and the padding of FIPS 180-4 §5.1.1, writing the digest into `digest`.
 */
function finish(
  start: Int32Array,
  prefixBytes: number,
  message: Uint8Array,
  digest: Uint8Array,
): Uint8Array {
  const state = working;
  state.set(start);
  const whole = message.length - (message.length % BLOCK_BYTES);
  for (let offset = 0; offset < whole; offset += BLOCK_BYTES) compress(state, message, offset);
  const rest = message.length - whole;
  const tailLength = rest + 9 <= BLOCK_BYTES ? BLOCK_BYTES : 2 * BLOCK_BYTES;
  tail.fill(0);
  tail.set(message.subarray(whole));
  tail[rest] = 0x80;
  const bits = (prefixBytes + message.length) * 8;
  writeBigEndian(tail, tailLength - 8, Math.floor(bits / 0x100000000));
  writeBigEndian(tail, tailLength - 4, bits);
  for (let offset = 0; offset < tailLength; offset += BLOCK_BYTES) compress(state, tail, offset);
  for (let i = 0; i < 5; i++) writeBigEndian(digest, i * 4, state[i]);
  return digest;
}

/** The low 32 bits of `word`, big-endian, at `offset` (a typed array truncates each byte). */
function writeBigEndian(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = word >>> 16;
  bytes[offset + 2] = word >>> 8;
  bytes[offset + 3] = word;
}

/** The SHA-1 digest of `message`. */
export function sha1(message: Uint8Array): Uint8Array {
  return finish(INITIAL_STATE, 0, message, new Uint8Array(20));
}

function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) block[i] = (key[i] ?? 0) ^ pad;
  const state = INITIAL_STATE.slice();
  compress(state, block, 0);
  return state;
}

/**
 * An HMAC-SHA1 function for one key (RFC 2104): the key's pad blocks are hashed here, once.
 */
export function hmacSha1(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const k0 = key.length > BLOCK_BYTES ? sha1(key) : key;
  const inner = padState(k0, 0x36);
  const outer = padState(k0, 0x5c);
  return (message) =>
    finish(
      outer,
      BLOCK_BYTES,
      finish(inner, BLOCK_BYTES, message, innerDigest),
      new Uint8Array(20),
    );
}
