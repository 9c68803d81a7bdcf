/**
 * Constant-time comparison for values an attacker may probe (state, tokens). Internal.
 *
 * @module
 */

/**
 * Compares two strings, UTF-16 code unit by code unit, in time that depends only on the length,
 * so a timing side channel does not reveal how much of a guess was right. Equal code units are
 * equal UTF-8 bytes for well-formed strings; a lone surrogate is compared as itself, where an
 * encoder would have made every one U+FFFD.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
