/**
 * The Hono example (examples/hono/main.ts) as a user runs it on Node: bundled with its imports
 * of the library turned into the built package's entry points, in a Node process of its own
 * serving on @hono/node-server, at the origin of the provider's registered redirect URI. Headless
 * Chromium then goes through it as a person would, on oidc-provider's real login, consent and
 * sign-out pages: logs in, sees the userinfo call's answer on the page, is let straight back in
 * by the provider's session, logs out (here and at the provider), and is asked for the
 * password again. Run by scripts/run_browser_tests.mjs, with its browser and provider.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { relative, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const DIRECTORY = "node_modules/.cache/x-oauth-suites";
// tests/oauth2/_oidc_config.ts registers it for the code-flow clients.
const POST_LOGOUT_PATH = "/logged-out";

/**
 * The checks, as `{ name, ok, error }` results. `browser` is playwright's; `op` the running
 * oidc-provider, whose redirect URI's origin must be free.
 */
export async function honoInChromium(browser, op) {
  const origin = new URL(op.redirectUri).origin;
  const results = [];
  let server;
  const context = await browser.newContext();
  try {
    server = await startApp(op);
    const tab = await context.newPage();
    await tab.route(/^https:/, (route) => route.abort()); // the provider's pages ask for a font
    const passwordField = 'input[name="password"]';

    await check(
      results,
      "Hono on Node: a visitor logs in on the provider's pages and sees the userinfo call's answer",
      async () => {
        await tab.goto(`${origin}/`);
        await tab.click('a:has-text("Log in")');
        await tab.waitForSelector(passwordField);
        expect(tab.url().startsWith(op.issuer), `the login page is the provider's: ${tab.url()}`);
        await tab.fill('input[name="login"]', "alice");
        await tab.fill(passwordField, "any password");
        await tab.click('button[type="submit"]');
        await tab.click('button:has-text("Continue")');
        await tab.waitForURL(`${origin}/`);
        const name = await tab.textContent("#name");
        expect(name === "alice", `the page shows ${name}`);
      },
    );

    await check(
      results,
      "Hono on Node: while the provider's session lasts, a new login needs no password",
      async () => {
        await tab.goto(`${origin}/login`);
        await tab.waitForURL(`${origin}/`);
        const name = await tab.textContent("#name");
        expect(name === "alice", `the page shows ${name}`);
      },
    );

    await check(
      results,
      "Hono on Node: logout revokes the grant, ends the provider's session, and the next login asks for the password again",
      async () => {
        const revocations = op.requestCount("/token/revocation");
        await tab.click('button:has-text("Log out")');
        await tab.click('button:has-text("Yes, sign me out")'); // the provider's sign-out page
        await tab.waitForURL(`${origin}${POST_LOGOUT_PATH}`);
        expect(/Logged out/.test(await tab.textContent("body")), "the app's logged-out page");
        expect(op.requestCount("/token/revocation") === revocations + 1, "one revocation");
        await tab.goto(`${origin}/`);
        await tab.waitForSelector('a:has-text("Log in")');
        await tab.click('a:has-text("Log in")');
        await tab.waitForSelector(passwordField);
        expect(tab.url().startsWith(op.issuer), `the provider asks again: ${tab.url()}`);
        expect(op.serverErrors.length === 0, `provider errors: ${op.serverErrors}`);
      },
    );
  } catch (error) {
    results.push({ name: "Hono on Node: the app starts", ok: false, error: String(error) });
  } finally {
    await context.close();
    server?.kill();
    if (server && server.exitCode === null && server.signalCode === null) {
      await once(server, "exit");
    }
  }
  return results;
}

async function check(results, name, run) {
  try {
    await run();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, error: `${error.name}: ${error.message}`.slice(0, 1000) });
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** examples/hono/main.ts bundled against the package, in a Node process; resolves once it listens. */
async function startApp(op) {
  const entries = JSON.parse(readFileSync(resolve(ROOT, "deno.json"), "utf8")).exports;
  const packageOf = Object.fromEntries(
    Object.entries(entries).map(([subpath, file]) => [
      relative(ROOT, resolve(ROOT, file)),
      `@x/oauth${subpath.slice(1)}`,
    ]),
  );
  mkdirSync(DIRECTORY, { recursive: true });
  const outfile = `${DIRECTORY}/hono_main.mjs`;
  await build({
    entryPoints: ["examples/hono/main.ts"],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external", // hono and @hono/node-server from node_modules, as installed
    logLevel: "error",
    plugins: [{
      name: "library-as-package",
      setup(build) {
        build.onResolve({ filter: /^\.\.?\// }, (args) => {
          const file = relative(ROOT, resolve(args.resolveDir, args.path));
          if (/^(examples|tests)\//.test(file)) return undefined;
          if (packageOf[file]) return { path: packageOf[file], external: true };
          return { errors: [{ text: `${file} is internal: an example takes entry points` }] };
        });
      },
    }],
  });
  const redirect = new URL(op.redirectUri);
  const child = spawn(process.execPath, [outfile], {
    env: {
      ...process.env,
      PORT: redirect.port,
      OAUTH_ISSUER: op.issuer,
      OAUTH_CLIENT_ID: op.clients.basic.clientId,
      OAUTH_CLIENT_SECRET: op.clients.basic.clientSecret,
      OAUTH_REDIRECT_URI: op.redirectUri,
      OAUTH_POST_LOGOUT_REDIRECT_URI: new URL(POST_LOGOUT_PATH, redirect).href,
      COOKIE_SECRET: "the hono example's cookie secret in chromium",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (/listening on .*@hono\/node-server/.test(output)) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`the app exited (${code}): ${output}`)));
  });
}
