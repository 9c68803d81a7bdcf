// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:workerd`: the unit suite's `Deno.test` files, bundled by scripts/_test_suite.mjs,
// run inside workerd (the Cloudflare Workers runtime) by miniflare, as two Workers: every file
// against the unbundled emit (npm/_unbundled/), then the cross-runtime checks and the files that
// import only entry points against the built package. Each Worker's `fetch` runs its tests and
// answers with the results. Test files that need a server or a Node-only peer are listed and left
// to Node. Ends with the `N passed, N failed` line of the other suites.
import { Miniflare } from "miniflare";
import { linkBuiltPackage, reportResults, runResults, RUNS } from "./_built_package.mjs";
import { bundleSuite, selectTestFiles } from "./_test_suite.mjs";

linkBuiltPackage();

const { run, packaged, skipped } = selectTestFiles("workerd");
const tail =
  "export default { fetch: async () => Response.json(await runDefinitions(testDefinitions)) };";

console.log(
  `workerd: ${run.length} test files from tests/ against ${RUNS.emit}; ` +
    `${packaged.length} of them (those importing only entry points) and the cross-runtime ` +
    `checks against ${RUNS.package}`,
);
for (const { file, reason } of skipped) console.log(`  not on workerd: ${file} (needs ${reason})`);
const results = [];
for (const [against, files] of [["emit", run], ["package", packaged]]) {
  const script = await bundleSuite("workerd", files, tail, against);
  try {
    results.push(...runResults(against, await runWorker(script)));
  } catch (error) {
    results.push(...runResults(against, undefined, String(error)));
  }
}
reportResults(results);

/** Runs the Worker `script` once; its answer, the results. */
async function runWorker(script) {
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2025-09-01",
    compatibilityFlags: ["nodejs_compat"],
  });
  try {
    const response = await mf.dispatchFetch("http://worker.test/");
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return JSON.parse(text);
  } finally {
    await mf.dispose();
  }
}
