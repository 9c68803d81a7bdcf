/**
 * The README's OAuth 2.0 quick starts run exactly as printed against the local provider that
 * `npm run provider` serves (oidc-provider with the quick start's clients): each block is copied
 * byte for byte into a module inside the repository (so `@x/oauth` resolves as for a user) and
 * imported, with only `OAUTH_ISSUER` pointing at this test's provider. The browser is played by
 * the test: it visits the app's pages, and signs in and consents on the provider's own pages.
 */
import assert from "node:assert/strict";
import { snippets } from "../scripts/check_markdown.ts";
import { startOidcProvider } from "./oauth2/_oidc_provider.ts";
import { QUICKSTART } from "./oauth2/_oidc_config.ts";
import { Visitor } from "./examples/_visitor.ts";

const ROOT = new URL("../", import.meta.url);

/** The README block whose code contains `marker`; exactly one must. */
async function readmeBlock(marker: string): Promise<string> {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const found = snippets("README.md", readme).filter((block) => block.code.includes(marker));
  assert.equal(found.length, 1, `one README block contains ${marker}`);
  assert.equal(found[0].prelude, "", "a quick start assumes nothing");
  return found[0].code;
}

/** Imports `code` as a module of the repository; removes the file afterwards. */
async function importVerbatim(name: string, code: string): Promise<Record<string, unknown>> {
  const folder = new URL(".readme_run/", ROOT);
  await Deno.mkdir(folder, { recursive: true });
  const file = new URL(`${name}_${crypto.randomUUID()}.ts`, folder);
  await Deno.writeTextFile(file, code);
  try {
    return await import(file.href);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

Deno.test("the README's code flow quick start logs a user in with an ID token and userinfo", async () => {
  await using op = await startOidcProvider();
  Deno.env.set("OAUTH_ISSUER", op.issuer);
  try {
    const code = await readmeBlock("// quickstart.ts");
    assert.ok(
      code.includes(QUICKSTART.redirectUri),
      "the README prints the registered redirect URI",
    );
    const app = (await importVerbatim("quickstart", code)).default as {
      fetch(request: Request): Promise<Response>;
    };
    const browser = new Visitor(new URL(QUICKSTART.redirectUri).origin, (r) => app.fetch(r));

    const home = await browser.visit("/");
    assert.match(await home.text(), /href="\/login"/);
    const start = await browser.visit("/login");
    assert.equal(start.status, 302);
    const callback = await op.authorize(start.headers.get("location")!, { user: "carol" });
    const done = await browser.visit(callback);
    assert.equal(done.status, 200);
    const body = await done.json();
    assert.equal(body.idToken.sub, "carol");
    assert.equal(body.idToken.iss, op.issuer);
    assert.equal(body.idToken.aud, QUICKSTART.clientId);
    assert.equal(body.userinfo.email, "carol@example.test");

    // The same callback again finds no login in progress: each is used once.
    const replay = await browser.visit(callback);
    assert.equal(replay.status, 400);
    assert.equal(op.serverErrors.length, 0);
  } finally {
    Deno.env.delete("OAUTH_ISSUER");
  }
});

Deno.test("the README's client credentials quick start gets a machine token", async () => {
  await using op = await startOidcProvider();
  Deno.env.set("OAUTH_ISSUER", op.issuer);
  const printed: unknown[][] = [];
  // deno-lint-ignore no-console -- the snippet prints its result; the test reads what it printed
  const log = console.log;
  // deno-lint-ignore no-console -- as above
  console.log = (...values: unknown[]) => printed.push(values);
  try {
    await importVerbatim("machine", await readmeBlock('grantType: "client_credentials"'));
  } finally {
    // deno-lint-ignore no-console -- as above
    console.log = log;
    Deno.env.delete("OAUTH_ISSUER");
  }
  // token.token_type and token.expires_in, as oidc-provider issued them (ttl 600 s).
  assert.deepEqual(printed, [["Bearer", 600]]);
  assert.equal(op.requestCount("/token"), 1);
});
