// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:node` / `npm run test:bun`: the unit suite's `Deno.test` files and the
// cross-runtime checks, against the package that `npm run build` wrote to npm/, bundled by
// scripts/_test_suite.mjs and run by Node (the running one) or Bun. Ends with the
// `N passed, N failed` line of the other suites.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { linkBuiltPackage } from "./_built_package.mjs";
import { bundleSuite, selectTestFiles } from "./_test_suite.mjs";

linkBuiltPackage();

const runtime = process.argv.includes("--bun") ? "bun" : "node";
const { run, skipped } = selectTestFiles(runtime);
const tail = [
  'import { reportResults } from "./scripts/_built_package.mjs";',
  "reportResults(await runDefinitions(testDefinitions));",
].join("\n");
const directory = "node_modules/.cache/x-oauth-suites";
mkdirSync(directory, { recursive: true });
const bundle = `${directory}/${runtime}.mjs`;
writeFileSync(bundle, await bundleSuite(runtime, run, tail));

console.log(`${runtime}: ${run.length} test files from tests/, against the built package`);
for (const { file, reason } of skipped) {
  console.log(`  not on ${runtime}: ${file} (needs ${reason})`);
}
const [command, args] = runtime === "bun"
  ? ["node_modules/.bin/bun", ["run", bundle]]
  : [process.execPath, [bundle]];
const result = spawnSync(command, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
