// The imports of a file of the built package (npm/esm/), for the build's checks and the cold-import
// benchmark: static imports and re-exports, at the start of a line or after a `;` (the minified
// files put several on one line), and, with `lazy`, the `import("…")`s that load on first use.

const STATIC_IMPORT = /(?:^|;)\s*(?:import|export)\b(?!\s*\()[^"';]*?["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/**
 * The specifiers `source` imports: statically, or with `{ lazy: true }` by `import()` as well, or
 * with `{ lazy: "only" }` by `import()` alone.
 *
 * @param {string} source
 * @param {{ lazy?: boolean | "only" }} [options]
 * @returns {string[]}
 */
export function importsIn(source, { lazy = false } = {}) {
  const found = lazy === "only" ? [] : [...source.matchAll(STATIC_IMPORT)];
  if (lazy) found.push(...source.matchAll(DYNAMIC_IMPORT));
  return found.map(([, specifier]) => specifier);
}
