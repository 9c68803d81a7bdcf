/**
 * Random values from `crypto.getRandomValues`, never `Math.random`. Internal.
 *
 * @module
 */

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// The largest multiple of 62 below 256: bytes at or above it are redrawn, so every character
// is equally likely.
const UNBIASED_LIMIT = 248;

/** `length` characters drawn uniformly from `A-Z a-z 0-9` (about 5.95 bits each). */
export function randomAlphanumeric(length: number): string {
  let result = "";
  while (result.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < UNBIASED_LIMIT) result += ALPHANUMERIC[byte % 62];
      if (result.length === length) break;
    }
  }
  return result;
}
