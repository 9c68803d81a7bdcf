/**
 * The `oauth` CLI driven as a user would, as separate processes with their own config
 * directories, against oidc-provider and the OAuth 1.0a provider of the examples on loopback:
 * outputs, exit codes, file permissions, and no secret on the terminal.
 */
import assert from "node:assert/strict";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { serveLoopback } from "../_loopback.ts";
import { cli, configDir, startCli } from "./_cli.ts";

Deno.test("discover prints the metadata; --json gives it whole; a bad issuer is exit 3", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path };
  const human = await cli(["discover", op.issuer], env);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`^issuer\\s+${op.issuer.replaceAll(".", "\\.")}$`, "m"));
  const json = await cli(["discover", op.issuer, "--json"], env);
  assert.equal(JSON.parse(json.stdout).token_endpoint, op.tokenEndpoint);
  const wrong = await cli(["discover", `${op.issuer}/nothing-here`], env);
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /^error: invalid_response: /);
});

Deno.test("token, introspect, revoke: the machine token is saved 0600, never shown whole, and the secret never at all", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_ISSUER: op.issuer,
    OAUTH_CLIENT_ID: op.clients.service.clientId,
    OAUTH_CLIENT_SECRET: op.clients.service.clientSecret,
    OAUTH_SCOPE: "api:read",
  };
  const token = await cli(["token", "--profile", "svc"], env);
  assert.equal(token.code, 0, token.stderr);
  assert.match(token.stdout, /^saved to profile "svc" as its machine token$/m);
  assert.match(token.stdout, /^access_token\s+\S{6}… \(\d+ characters\)$/m);
  const saved = JSON.parse(await Deno.readTextFile(`${dir.path}/tokens/svc.machine.json`));
  assert.ok(!token.stdout.includes(saved.access_token), "the token is shortened");
  assert.equal((await Deno.stat(`${dir.path}/tokens/svc.machine.json`)).mode! & 0o777, 0o600);
  assert.equal((await Deno.stat(`${dir.path}/tokens`)).mode! & 0o777, 0o700);

  const about = await cli(["introspect", "--profile", "svc", "--json"], env);
  assert.equal(about.code, 0, about.stderr);
  assert.equal(JSON.parse(about.stdout).active, true);
  const revoked = await cli(["revoke", "--profile", "svc"], env);
  assert.equal(revoked.code, 0, revoked.stderr);
  await assert.rejects(
    Deno.stat(`${dir.path}/tokens/svc.machine.json`),
    Deno.errors.NotFound,
    "forgotten",
  );
  const after = await cli(
    ["introspect", "--profile", "svc", "--json", "--", saved.access_token],
    env,
  );
  assert.equal(JSON.parse(after.stdout).active, false);
  for (const run of [token, about, revoked, after]) {
    assert.ok(!(run.stdout + run.stderr).includes(op.clients.service.clientSecret));
  }
});

Deno.test("a refusal is exit 1 with the RFC error on one line; a usage mistake is exit 2", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  const secret = "a-wrong-secret-that-must-not-be-echoed";
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_TOKEN_ENDPOINT: op.tokenEndpoint,
    OAUTH_CLIENT_ID: op.clients.service.clientId,
    OAUTH_CLIENT_SECRET: secret,
  };
  const refused = await cli(["token"], env);
  assert.equal(refused.code, 1);
  const [line, hint] = refused.stderr.split("\n");
  assert.match(line, /^error: invalid_client \(HTTP 401\)(: .*)?$/);
  assert.match(hint, /^hint: check --client-id, --client-secret and --client-auth/);
  assert.ok(!refused.stderr.includes(secret));
  const usage = await cli(["token", "--grant", "password"], env);
  assert.equal(usage.code, 2);
  assert.equal(
    usage.stderr,
    "usage: this grant needs --username\nhint: oauth token --help lists its flags\n",
  );
  assert.equal((await cli(["frobnicate"], env)).code, 2);
  assert.equal((await cli(["token"], { OAUTH_CONFIG_DIR: dir.path })).code, 2);
});

Deno.test("login: the URL on stderr, the loopback redirect, an ID token; then request and refresh with the saved token", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_ISSUER: op.issuer,
    OAUTH_CLIENT_ID: op.clients.public.clientId,
    OAUTH_SCOPE: "openid",
  };
  const port = new URL(op.redirectUri).port; // the public client's registered loopback redirect
  const running = startCli(["login", "--port", port, "--no-browser", "--json"], env);
  const [, url] = await running.waitFor(/Open this URL to sign in:\s+(\S+)/);
  const callback = await op.authorize(url); // the user signs in and consents
  const page = await (await fetch(callback)).text(); // the browser lands on the loopback server
  assert.match(page, /Signed in/);
  const done = await running.finished();
  assert.equal(done.code, 0, done.stderr);
  assert.equal(JSON.parse(done.stdout).idTokenClaims.sub, "alice");

  const me = await cli(["request", op.userinfoEndpoint, "--json"], env);
  assert.equal(me.code, 0, me.stderr);
  assert.equal(JSON.parse(JSON.parse(me.stdout).body).sub, "alice");
  const refreshed = await cli(["token", "--grant", "refresh", "--json"], env);
  assert.equal(refreshed.code, 0, refreshed.stderr);
  assert.equal(JSON.parse(refreshed.stdout).token_type, "Bearer");
});

Deno.test("device: the user code shown, approved on the provider's pages, the token saved", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_ISSUER: op.issuer,
    OAUTH_CLIENT_ID: op.clients.device.clientId,
    OAUTH_SCOPE: "openid",
  };
  const running = startCli(["device", "--no-browser", "--json"], env);
  const [, uri] = await running.waitFor(/Open (\S+)\n/);
  const [, code] = await running.waitFor(/^ {8}([A-Z]{4}-[A-Z]{4})$/m);
  await op.confirmDevice(uri, code);
  const done = await running.finished();
  assert.equal(done.code, 0, done.stderr);
  assert.equal(JSON.parse(done.stdout).token_type, "Bearer");
  assert.equal((await Deno.stat(`${dir.path}/tokens/default.json`)).mode! & 0o777, 0o600);
});

Deno.test("oauth1 login through the loopback callback, then oauth1 sign prints a curl command the provider accepts", async () => {
  const provider = createOAuth1Provider({ consumerKey: "cli-app", consumerSecret: "cli-secret" });
  await using server = await serveLoopback(provider.handle);
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH1_CONSUMER_KEY: "cli-app",
    OAUTH1_CONSUMER_SECRET: "cli-secret",
    OAUTH1_REQUEST_TOKEN_URL: `${server.origin}/request_token`,
    OAUTH1_AUTHORIZE_URL: `${server.origin}/authorize`,
    OAUTH1_ACCESS_TOKEN_URL: `${server.origin}/access_token`,
  };
  const running = startCli(["oauth1", "login", "--no-browser"], env);
  const [, url] = await running.waitFor(/Open this URL to authorize:\s+(\S+)/);
  const approval = await fetch(url, { redirect: "manual" }); // the provider approves at once
  await (await fetch(approval.headers.get("location")!)).text();
  const done = await running.finished();
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /^authorized; saved to profile "default"$/m);
  assert.match(done.stdout, /^oauth_token_secret \S{6}… \(\d+ characters\)$/m, "secrets shortened");
  assert.equal((await Deno.stat(`${dir.path}/tokens/default.oauth1.json`)).mode! & 0o777, 0o600);

  const signed = await cli(["oauth1", "sign", `${server.origin}/api/me`, "--json"], env);
  assert.equal(signed.code, 0, signed.stderr);
  const { authorization, curl } = JSON.parse(signed.stdout);
  assert.match(curl, /^curl -H 'Authorization: OAuth .*' 'http:\/\/127\.0\.0\.1:\d+\/api\/me'$/);
  const response = await fetch(`${server.origin}/api/me`, { headers: { authorization } });
  assert.equal(response.status, 200, await response.clone().text());
  await response.body?.cancel();
  assert.ok(!(signed.stdout + done.stdout + done.stderr).includes("cli-secret"));
});

Deno.test("device: a hostile server's control characters reach the terminal neither in the prompt, the error, the token nor the JSON", async () => {
  const hostile = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\r\x7f";
  // deno-lint-ignore no-control-regex -- finding control characters is the point
  const raw = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
  let approve = false;
  await using server = await serveLoopback(async (request) => {
    const { origin, pathname } = new URL(request.url);
    await request.body?.cancel();
    if (pathname === "/device") {
      return Response.json({
        device_code: "dc",
        user_code: `WDJB-MJHT${hostile}`,
        verification_uri: `${origin}/activate${hostile}`,
        verification_uri_complete: `${origin}/activate?user_code=WDJB-MJHT${hostile}`,
        expires_in: 600,
        interval: 0,
      });
    }
    return approve
      ? Response.json({ access_token: "at-0123456789abcdef", token_type: "Bearer", note: hostile })
      : Response.json({ error: "access_denied", error_description: `no${hostile}` }, {
        status: 400,
      });
  });
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "tv",
    OAUTH_DEVICE_ENDPOINT: `${server.origin}/device`,
    OAUTH_TOKEN_ENDPOINT: `${server.origin}/token`,
  };
  const shown = "]0;pwned]52;c;ZXZpbA==[2J31m";

  const refused = await cli(["device", "--no-browser"], env);
  assert.equal(refused.code, 1, refused.stderr);
  assert.doesNotMatch(refused.stderr, raw);
  assert.match(refused.stderr, /^ {8}WDJB-MJHT\]0;pwned/m);
  assert.ok(refused.stderr.includes(`error: access_denied (HTTP 400): no${shown}\n`));

  approve = true;
  const json = await cli(["device", "--no-browser", "--json"], env);
  assert.equal(json.code, 0, json.stderr);
  assert.doesNotMatch(json.stdout + json.stderr, raw);
  assert.equal(JSON.parse(json.stdout).note, hostile, "JSON keeps the text, escaped");

  const text = await cli(["device", "--no-browser"], env);
  assert.equal(text.code, 0, text.stderr);
  assert.doesNotMatch(text.stdout + text.stderr, raw);
  assert.ok(text.stdout.includes(`note${" ".repeat(9)}${shown}\n`), text.stdout);
});

Deno.test("an http server beyond loopback needs --insecure, and the refusal says so", async () => {
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "app",
    OAUTH_CLIENT_SECRET: "a-secret-for-the-insecure-test",
    OAUTH_TOKEN_ENDPOINT: "http://oauth.invalid/token",
  };
  const OPT_INS: { args: string[]; env: Record<string, string> }[] = [
    { args: ["--insecure"], env: {} },
    { args: [], env: { OAUTH_INSECURE: "1" } },
  ];
  for (const args of [["token"], ["discover", "http://oauth.invalid"]]) {
    const refused = await cli(args, env);
    assert.equal(refused.code, 3);
    const [line, hint] = refused.stderr.split("\n");
    assert.match(line, /^error: insecure_transport: .*http:\/\/oauth\.invalid/);
    assert.match(hint, /^hint: add --insecure \(or OAUTH_INSECURE=1\) to allow http: /);
    // With the opt-in the request goes out, and fails only because .invalid never resolves.
    for (const optIn of OPT_INS) {
      const sent = await cli([...args, ...optIn.args], { ...env, ...optIn.env });
      assert.equal(sent.code, 3);
      assert.doesNotMatch(sent.stderr, /insecure_transport/);
      assert.match(sent.stderr, /oauth\.invalid/);
    }
  }
});
