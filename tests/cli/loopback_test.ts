/**
 * The browser tab of a loopback login is told what became of the sign-in: a refusal with the
 * server's error and description (HTML-escaped), a failed exchange, or success once the token
 * is saved. The terminal says the same and the exit code is not 0 unless it worked.
 */
import assert from "node:assert/strict";
import { serveLoopback } from "../_loopback.ts";
import { configDir, startCli } from "./_cli.ts";

/** An authorization server that is never visited (the test plays the browser) and a token endpoint. */
async function authorizationServer(token: () => Response) {
  return await serveLoopback(async (request) => {
    await request.body?.cancel();
    return token();
  });
}

/** Starts `oauth login` and answers its redirect with `params` added to the state. */
async function loginWithCallback(origin: string, dir: string, params: Record<string, string>) {
  const running = startCli(["login", "--no-browser"], {
    OAUTH_CONFIG_DIR: dir,
    OAUTH_CLIENT_ID: "app",
    OAUTH_AUTHORIZATION_ENDPOINT: `${origin}/authorize`,
    OAUTH_TOKEN_ENDPOINT: `${origin}/token`,
  });
  const [, url] = await running.waitFor(/Open this URL to sign in:\s+(\S+)/);
  const authorization = new URL(url).searchParams;
  const callback = new URL(authorization.get("redirect_uri")!);
  callback.search = new URLSearchParams({ ...params, state: authorization.get("state")! })
    .toString();
  const page = await fetch(callback);
  return { page, html: await page.text(), done: await running.finished() };
}

Deno.test("access_denied: the tab shows the error and its description escaped, the CLI exits 1", async () => {
  await using as = await authorizationServer(() => new Response(null, { status: 500 }));
  await using dir = await configDir();
  const description = `<script>alert("x")</script> & 'more'`;
  const { page, html, done } = await loginWithCallback(as.origin, dir.path, {
    error: "access_denied",
    error_description: description,
  });
  assert.match(page.headers.get("content-type")!, /^text\/html; charset=utf-8$/);
  assert.equal(page.headers.get("content-security-policy"), "default-src 'none'");
  assert.ok(html.includes("access_denied"), html);
  assert.ok(
    html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;"),
    html,
  );
  assert.ok(!html.includes("<script>"), "nothing from the callback is markup");
  assert.doesNotMatch(html, /Done|close this tab/);
  assert.equal(done.code, 1, done.stderr);
  assert.match(done.stderr, new RegExp(`^error: access_denied: ${escape(description)}$`, "m"));
  assert.match(done.stderr, /^hint: .*nothing was saved/m);
  await assert.rejects(Deno.stat(`${dir.path}/tokens/default.json`), Deno.errors.NotFound);
});

Deno.test("a code the token endpoint refuses: the tab says the exchange failed, not done", async () => {
  await using as = await authorizationServer(() =>
    Response.json({ error: "invalid_grant", error_description: "code used" }, { status: 400 })
  );
  await using dir = await configDir();
  const { html, done } = await loginWithCallback(as.origin, dir.path, { code: "c0de" });
  assert.ok(html.includes("invalid_grant"), html);
  assert.ok(html.includes("code used"), html);
  assert.doesNotMatch(html, /Done|close this tab/);
  assert.equal(done.code, 1, done.stderr);
  assert.match(done.stderr, /^error: invalid_grant \(HTTP 400\): code used$/m);
});

Deno.test("a code exchanged for a token: the tab says so once the token is saved", async () => {
  await using as = await authorizationServer(() =>
    Response.json({ access_token: "at-0123456789abcdef", token_type: "Bearer" })
  );
  await using dir = await configDir();
  const { html, done } = await loginWithCallback(as.origin, dir.path, { code: "c0de" });
  assert.equal(done.code, 0, done.stderr);
  assert.match(html, /Signed in/);
  assert.match(html, /close this tab/);
  const saved = JSON.parse(await Deno.readTextFile(`${dir.path}/tokens/default.json`));
  assert.equal(saved.access_token, "at-0123456789abcdef");
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
