// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:node` / `npm run test:bun`: the unit suite's `Deno.test` files, bundled by
// scripts/_test_suite.mjs, run by Node (the running one) or Bun in two processes: every file on
// the unbundled emit that `npm run build` wrote to npm/_unbundled/, then the cross-runtime checks,
// the bin and the files that import only entry points on the package in npm/, which the runtime
// loads from node_modules/@x/oauth. Ends with the `N passed, N failed` line of the other suites.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { linkBuiltPackage, reportResults, runResults, RUNS } from "./_built_package.mjs";
import { bundleSuite, selectTestFiles } from "./_test_suite.mjs";

linkBuiltPackage();

const runtime = process.argv.includes("--bun") ? "bun" : "node";
const { run, packaged, skipped } = selectTestFiles(runtime);
// Each run writes its results to the file named by its first argument.
const tail = [
  'import { writeFileSync } from "node:fs";',
  "writeFileSync(process.argv[2], JSON.stringify(await runDefinitions(testDefinitions)));",
  "process.exit(0);",
].join("\n");
const directory = "node_modules/.cache/x-oauth-suites";
mkdirSync(directory, { recursive: true });

console.log(
  `${runtime}: ${run.length} test files from tests/ against ${RUNS.emit}; ` +
    `${packaged.length} of them (those importing only entry points) and the cross-runtime ` +
    `checks against ${RUNS.package}`,
);
for (const { file, reason } of skipped) {
  console.log(`  not on ${runtime}: ${file} (needs ${reason})`);
}
const results = [];
for (const [against, files] of [["emit", run], ["package", packaged]]) {
  const bundle = `${directory}/${runtime}-${against}.mjs`;
  const output = `${directory}/${runtime}-${against}.json`;
  writeFileSync(bundle, await bundleSuite(runtime, files, tail, against));
  rmSync(output, { force: true });
  console.log(`\n${runtime}: against ${RUNS[against]}`);
  const [command, args] = runtime === "bun"
    ? ["node_modules/.bin/bun", ["run", bundle, output]]
    : [process.execPath, [bundle, output]];
  const { status, signal } = spawnSync(command, args, { stdio: "inherit" });
  const ran = existsSync(output) ? JSON.parse(readFileSync(output, "utf8")) : undefined;
  results.push(...runResults(against, ran, `${runtime} exited with ${signal ?? status}`));
}
reportResults(results);
