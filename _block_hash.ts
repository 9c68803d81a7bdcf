/**
 * The Merkle–Damgård frame that SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1, 64-byte blocks,
 * big-endian words), and HMAC over it (RFC 2104), built around one compression function.
 * Synchronous and allocation-light for the OAuth 1.0a hot path: HMAC hashes the key's inner
 * and outer pad blocks once per key, so a signature costs only the message's blocks plus one
 * outer block. Internal.
 *
 * @module
 */

const BLOCK_BYTES = 64;

/** Hashing and keyed hashing with one compression function. */
export interface BlockHash {
  /** The digest of `message`. */
  hash(message: Uint8Array): Uint8Array;
  /** An HMAC function for one key, its pad blocks hashed once, here. */
  hmac(key: Uint8Array): (message: Uint8Array) => Uint8Array;
}

/** The low 32 bits of `word`, big-endian, at `offset` (a typed array truncates each byte). */
function writeBigEndian(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = word >>> 16;
  bytes[offset + 2] = word >>> 8;
  bytes[offset + 3] = word;
}

/**
 * The hash whose compression function applies one block at `offset` to `state`, starting
 * from `initial`; the digest is the final state's words.
 */
export function blockHash(
  compress: (state: Int32Array, bytes: Uint8Array, offset: number) => void,
  initial: Int32Array,
): BlockHash {
  const digestBytes = initial.length * 4;
  // Scratch space, reused by every call: hashing is synchronous, so no two calls interleave,
  // and typed-array allocations cost more than hashing a short message.
  const working = new Int32Array(initial.length);
  // Two blocks: the most that padding a message's last bytes can take.
  const tail = new Uint8Array(2 * BLOCK_BYTES);
  const innerDigest = new Uint8Array(digestBytes);

  /**
   * Finishes a hash whose state `start` already covers `prefixBytes` bytes (whole blocks):
   * hashes `message` and the padding, and writes the digest into `digest`.
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
    for (let i = 0; i < state.length; i++) writeBigEndian(digest, i * 4, state[i]);
    return digest;
  }

  /** The state after hashing one block: the key, zero-filled to a block, XORed with `pad`. */
  function padState(key: Uint8Array, pad: number): Int32Array {
    const block = new Uint8Array(BLOCK_BYTES);
    for (let i = 0; i < BLOCK_BYTES; i++) block[i] = (key[i] ?? 0) ^ pad;
    const state = initial.slice();
    compress(state, block, 0);
    return state;
  }

  const hash = (message: Uint8Array) => finish(initial, 0, message, new Uint8Array(digestBytes));
  return {
    hash,
    hmac(key) {
      const k0 = key.length > BLOCK_BYTES ? hash(key) : key;
      const inner = padState(k0, 0x36);
      const outer = padState(k0, 0x5c);
      return (message) =>
        finish(
          outer,
          BLOCK_BYTES,
          finish(inner, BLOCK_BYTES, message, innerDigest),
          new Uint8Array(digestBytes),
        );
    },
  };
}
