/**
 * A flag's value the CLI cannot use is a usage mistake (exit 2) named by its flag, found before
 * anything is sent: never a library option name, a NaN, or a failure of the exchange.
 */
import assert from "node:assert/strict";
import { serveLoopback } from "../_loopback.ts";
import { cli, configDir } from "./_cli.ts";

Deno.test("bad values of --port, --timeout, --client-auth and --grant are exit 2 naming the flag, and nothing is sent", async () => {
  let requests = 0;
  await using server = await serveLoopback((request) => {
    requests++;
    return request.body?.cancel().then(() => new Response(null, { status: 500 })) ??
      new Response(null, { status: 500 });
  });
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "app",
    OAUTH_CLIENT_SECRET: "a-secret-that-is-never-shown",
    OAUTH_AUTHORIZATION_ENDPOINT: `${server.origin}/authorize`,
    OAUTH_TOKEN_ENDPOINT: `${server.origin}/token`,
    OAUTH_DEVICE_ENDPOINT: `${server.origin}/device`,
  };
  const cases: [string[], RegExp][] = [
    [["login", "--port", "abc"], /^usage: --port must be a whole number from 0 to 65535, not abc$/],
    [["login", "--port", "70000"], /^usage: --port must be a whole number from 0 to 65535/],
    [["login", "--port=-1"], /^usage: --port must be a whole number from 0 to 65535, not -1$/],
    [["oauth1", "login", "--port", "1.5", "--consumer-key", "k"], /^usage: --port must be a whole/],
    [["login", "--timeout", "abc"], /^usage: --timeout must be a number of seconds above 0/],
    [["device", "--timeout", "0"], /^usage: --timeout must be a number of seconds above 0, not 0$/],
    [
      ["token", "--client-auth", "client_secret_basci"],
      /^usage: --client-auth \(OAUTH_CLIENT_AUTH\) must be client_secret_basic, client_secret_post, client_secret_jwt or none, not client_secret_basci; did you mean client_secret_basic\?$/,
    ],
    [
      ["token", "--grant", "pasword"],
      /^usage: --grant must be client_credentials, password, refresh or exchange, not pasword; did you mean password\?$/,
    ],
    [
      ["token", "--grant", "password", "--replace-user-token"],
      /^usage: --replace-user-token is for the client_credentials grant only$/,
    ],
  ];
  for (const [args, line] of cases) {
    const run = await cli(args, env);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr.split("\n")[0], line, args.join(" "));
    assert.doesNotMatch(run.stderr, /options\.|NaN|clientAuthentication|TimeoutError/);
    assert.ok(!run.stderr.includes(env.OAUTH_CLIENT_SECRET));
  }
  const fromEnv = await cli(["token"], { ...env, OAUTH_CLIENT_AUTH: "client_secret_pots" });
  assert.equal(fromEnv.code, 2, fromEnv.stderr);
  assert.match(fromEnv.stderr, /did you mean client_secret_post\?/);
  assert.equal(requests, 0, "a bad value stops the command before any request");
});
