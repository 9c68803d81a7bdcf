// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:browser`: the cross-runtime checks of tests/runtimes/checks.mjs, bundled for the
// browser against the built package, run in headless Chromium (Debian's `chromium`, driven by
// playwright-core) from a page served on loopback. Ends with the `N passed, N failed` line.
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { linkBuiltPackage, reportResults } from "./_built_package.mjs";

linkBuiltPackage();

const bundle = await build({
  stdin: {
    contents:
      'import checks from "./tests/runtimes/checks.mjs";\nglobalThis.results = checks.fetch().then((r) => r.json());',
    resolveDir: ".",
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
});
const page = `<!doctype html><meta charset="utf-8"><script type="module">${
  bundle.outputFiles[0].text.replaceAll("</script", "<\\/script")
}</script>`;
const server = createServer((_, response) =>
  response.writeHead(200, { "content-type": "text/html" }).end(page)
);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let results = [];
try {
  const tab = await browser.newPage();
  tab.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  results = await tab.evaluate(() => globalThis.results);
} finally {
  await browser.close();
  server.close();
}
reportResults(results);
