// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:browser`: headless Chromium (Debian's `chromium`, driven by playwright-core)
// runs, against the built package bundled for the browser:
// - the cross-runtime checks of tests/runtimes/checks.mjs (signing, PKCE, a code flow);
// - a single-page app's login (tests/runtimes/browser_flow.mjs) against oidc-provider on
//   another loopback origin: the real login and consent pages are filled in by the browser,
//   and the token, refresh and userinfo calls pass only because the provider's CORS policy
//   allows the app's origin (that of the public client's redirect URI);
// - the same token request from an origin the provider does not allow, which the browser must
//   block (a network_error), while the allowed origin reads the provider's invalid_grant;
// - the Hono example on Node (tests/runtimes/hono_in_chromium.mjs): a server-side login on the
//   provider's pages, the userinfo call shown on the page, and logout there and at the provider.
// Ends with the `N passed, N failed` line of the other suites.
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import { linkBuiltPackage, reportResults } from "./_built_package.mjs";
import { honoInChromium } from "../tests/runtimes/hono_in_chromium.mjs";

linkBuiltPackage();

const page = await pageHtml();
const op = await startProvider();
const appOrigin = new URL(op.redirectUri).origin;
const config = {
  clientId: op.clients.public.clientId,
  issuer: op.issuer,
  authorizationEndpoint: op.authorizationEndpoint,
  tokenEndpoint: op.tokenEndpoint,
  userinfoEndpoint: op.userinfoEndpoint,
  redirectUri: op.redirectUri,
};
const app = await servePage(page, appOrigin);
const foreign = await servePage(page, "http://127.0.0.1:0");
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
const results = [];
const check = async (name, run) => {
  try {
    await run();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, error: `${error.name}: ${error.message}`.slice(0, 1000) });
  }
};
try {
  const tab = await browser.newPage();
  tab.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  // The provider's pages import a web font; nothing leaves loopback.
  await tab.route(/^https:/, (route) => route.abort());
  await tab.goto(`${appOrigin}/`);
  results.push(...await tab.evaluate(() => globalThis.runChecks()));

  await check(
    "a single-page app logs in with PKCE across origins, refreshes and calls userinfo",
    async () => {
      const authorizationUrl = await tab.evaluate((c) => globalThis.flow.startLogin(c), config);
      expect(authorizationUrl.startsWith(op.authorizationEndpoint), authorizationUrl);
      await tab.goto(authorizationUrl);
      await tab.fill('input[name="login"]', "alice");
      await tab.fill('input[name="password"]', "any password");
      await tab.click('button[type="submit"]');
      await tab.click('button:has-text("Continue")');
      await tab.waitForURL((url) => url.href.startsWith(op.redirectUri));
      const outcome = await tab.evaluate((c) => globalThis.flow.finishLogin(c), config);
      expect(outcome.tokenType === "Bearer", JSON.stringify(outcome));
      expect(outcome.rotated === true, "the refresh rotated both tokens");
      expect(outcome.sub === "alice", `userinfo sub ${outcome.sub}`);
      expect(op.serverErrors.length === 0, `provider errors: ${op.serverErrors}`);
    },
  );

  await check(
    "the same token request is readable from the allowed origin and blocked elsewhere",
    async () => {
      const allowed = await tab.evaluate((c) => globalThis.flow.redeemBogusCode(c), config);
      expect(allowed.code === "invalid_grant", `allowed origin: ${JSON.stringify(allowed)}`);
      await tab.goto(`${foreign.origin}/`);
      const blocked = await tab.evaluate((c) => globalThis.flow.redeemBogusCode(c), config);
      expect(blocked.code === "network_error", `foreign origin: ${JSON.stringify(blocked)}`);
    },
  );

  // The Hono example takes over the redirect URI's origin from the page.
  await app.close();
  results.push(...await honoInChromium(browser, op));
} finally {
  await browser.close();
  app.close();
  foreign.close();
  await op[Symbol.asyncDispose]();
}
reportResults(results);

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** The page: the checks and the app's login bundled for the browser against npm/. */
async function pageHtml() {
  const bundle = await build({
    stdin: {
      contents: [
        'import checks from "./tests/runtimes/checks.mjs";',
        'import * as flow from "./tests/runtimes/browser_flow.mjs";',
        "globalThis.runChecks = () => checks.fetch().then((r) => r.json());",
        "globalThis.flow = flow;",
      ].join("\n"),
      resolveDir: ".",
      loader: "js",
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  return `<!doctype html><meta charset="utf-8"><script type="module">${
    bundle.outputFiles[0].text.replaceAll("</script", "<\\/script")
  }</script>`;
}

/** Serves `page` at every path of `origin` (port 0: any free port); answers its real origin. */
async function servePage(html, origin) {
  const server = createServer((_, response) =>
    response.writeHead(200, { "content-type": "text/html" }).end(html)
  );
  const { hostname, port } = new URL(origin);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), hostname, resolve);
  });
  return {
    origin: `http://${hostname}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/** oidc-provider with the clients of tests/oauth2/_oidc_config.ts, bundled for Node. */
async function startProvider() {
  const directory = "node_modules/.cache/x-oauth-suites";
  mkdirSync(directory, { recursive: true });
  await build({
    entryPoints: ["tests/oauth2/_oidc_provider.ts"],
    outfile: `${directory}/oidc_provider.mjs`,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["oidc-provider"],
    logLevel: "error",
  });
  const { startOidcProvider } = await import(`../${directory}/oidc_provider.mjs`);
  return await startOidcProvider();
}
