/**
 * "Did you mean": the candidate a mistyped word was most likely meant to be, if one is close
 * enough that the guess helps rather than confuses.
 *
 * @module
 */

/**
 * The candidate nearest to `word`: one whose start it is (three letters or more), or one within
 * an edit per three letters (at least one), counting a swap of neighbours as one edit (the
 * commonest slip: `grnat`). Case is ignored; of equally near candidates the first wins.
 *
 * @example
 * ```ts
 * import { closest } from "./suggest.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(closest("grnat", ["grant", "port"]), "grant");
 * assert.equal(closest("frobnicate", ["grant", "port"]), undefined);
 * ```
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  if (typed.length === 0) return undefined;
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = typed.length >= 3 && lower.startsWith(typed) ? 1 : editDistance(typed, lower);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** `"; did you mean X?"` for the candidate {@linkcode closest} finds, else `""`. */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  show: (candidate: string) => string = (candidate) => candidate,
): string {
  const found = closest(word, candidates);
  return found === undefined ? "" : `; did you mean ${show(found)}?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.length][b.length];
}
