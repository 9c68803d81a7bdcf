// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:workerd`: the unit suite's `Deno.test` files and the cross-runtime checks,
// bundled by scripts/_test_suite.mjs against the built package, run inside workerd (the
// Cloudflare Workers runtime) by miniflare: the Worker's `fetch` runs them and answers with the
// results. Test files that need a server or a Node-only peer are listed and left to Node.
// Ends with the `N passed, N failed` line of the other suites.
import { Miniflare } from "miniflare";
import { linkBuiltPackage, reportResults } from "./_built_package.mjs";
import { bundleSuite, selectTestFiles } from "./_test_suite.mjs";

linkBuiltPackage();

const { run, skipped } = selectTestFiles("workerd");
const tail =
  "export default { fetch: async () => Response.json(await runDefinitions(testDefinitions)) };";
const script = await bundleSuite("workerd", run, tail);

console.log(`workerd: ${run.length} test files from tests/, against the built package`);
for (const { file, reason } of skipped) console.log(`  not on workerd: ${file} (needs ${reason})`);
const mf = new Miniflare({
  modules: true,
  script,
  compatibilityDate: "2025-09-01",
  compatibilityFlags: ["nodejs_compat"],
});
let results = [];
try {
  const response = await mf.dispatchFetch("http://worker.test/");
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
  }
  results = JSON.parse(text);
} finally {
  await mf.dispose();
}
reportResults(results);
