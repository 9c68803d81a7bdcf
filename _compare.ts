/**
 * Constant-time comparison for values an attacker may probe (state, tokens). Internal.
 *
 * @module
 */

const utf8 = new TextEncoder();

/**
 * Compares two strings over their UTF-8 bytes in time that depends only on the length, so a
 * timing side channel does not reveal how much of a guess was right.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = utf8.encode(a);
  const right = utf8.encode(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i] ^ right[i];
  return difference === 0;
}
