// `npm run test:workerd`: tests/runtimes/checks.mjs bundled by esbuild against the built package
// (linked as node_modules/@x/oauth), run inside workerd by miniflare. Ends with the
// `N passed, N failed` line of the other suites.
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { linkBuiltPackage, reportResults } from "./_built_package.mjs";

linkBuiltPackage();

const bundle = await build({
  entryPoints: ["tests/runtimes/checks.mjs"],
  bundle: true,
  format: "esm",
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  target: "es2022",
  write: false,
});
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: "2025-09-01",
});
let results = [];
try {
  const response = await mf.dispatchFetch("http://worker.test/");
  results = await response.json();
} finally {
  await mf.dispose();
}
reportResults(results);
