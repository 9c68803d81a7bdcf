// deno-lint-ignore-file no-console -- a test runner reports on the console
// What the runtime suites share: the built package (npm/) linked as node_modules/@x/oauth, so
// that each runtime resolves it through its exports map as a user's project does, the naming of
// the results of the suite's two runs (scripts/_test_suite.mjs), and the report of the checks a
// runtime ran, ending with the `N passed, N failed` line.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";

/** Links npm/ as node_modules/@x/oauth, replacing any earlier link or copy. */
export function linkBuiltPackage() {
  mkdirSync("node_modules/@x", { recursive: true });
  rmSync("node_modules/@x/oauth", { recursive: true, force: true });
  symlinkSync("../../npm", "node_modules/@x/oauth", "dir");
}

/** The runs of scripts/_test_suite.mjs, in order, with what each runs against. */
export const RUNS = { emit: "the unbundled emit, npm/_unbundled/", package: "the built package" };

/**
 * The `{ name, ok, error }` results of one run as reported: the package run's named
 * `package: <test>` (its checks already say `built package: …`). A run that ended without results
 * (`results` undefined) is one failure, `failure` saying why.
 */
export function runResults(against, results, failure) {
  if (!results) return [{ name: `the ${against} run`, ok: false, error: failure }];
  if (against !== "package") return results;
  return results.map((result) =>
    result.name.startsWith("built package: ")
      ? result
      : { ...result, name: `package: ${result.name}` }
  );
}

/**
 * Prints each `{ name, ok, error }` result and the summary line, then exits: non-zero when a
 * check failed or none ran at all.
 */
export function reportResults(results) {
  for (const result of results) {
    console.log(
      `${result.ok ? "ok  " : "FAIL"} ${result.name}${result.error ? ` — ${result.error}` : ""}`,
    );
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`\n${results.length - failed} passed, ${results.length === 0 ? 1 : failed} failed`);
  process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}
