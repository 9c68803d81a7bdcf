// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:workerd`: tests/runtimes/checks.mjs bundled by esbuild against the built package
// (linked as node_modules/@x/oauth), run inside workerd by miniflare. Ends with the
// `N passed, N failed` line of the other suites.
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";

mkdirSync("node_modules/@x", { recursive: true });
rmSync("node_modules/@x/oauth", { recursive: true, force: true });
symlinkSync("../../npm", "node_modules/@x/oauth", "dir");

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
for (const result of results) {
  console.log(
    `${result.ok ? "ok  " : "FAIL"} ${result.name}${result.error ? ` — ${result.error}` : ""}`,
  );
}
const failed = results.filter((result) => !result.ok).length;
const passed = results.length - failed;
console.log(`\n${passed} passed, ${results.length === 0 ? 1 : failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
