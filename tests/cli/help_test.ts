/**
 * What the CLI says about itself, run as a user would: each command's help lists every flag of
 * that command with a description, `--version` prints the package's version, and the global
 * usage stays the map of the commands.
 */
import assert from "node:assert/strict";
import { COMMANDS } from "../../cli/catalog.ts";
import { FLAGS } from "../../cli/flags.ts";
import { cli, configDir } from "./_cli.ts";

/** A help line for `--flag`: the flag (its short form, its value), then a description. */
function flagLine(name: string): RegExp {
  return new RegExp(`^  (?:-\\w, )?--${name}(?: \\S+)? {2,}\\S.*$`, "m");
}

Deno.test("token --help, token -h and help token print the flags of token, each with a description", async () => {
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path };
  const help = await cli(["token", "--help"], env);
  assert.equal(help.code, 0, help.stderr);
  for (
    const flag of [
      "grant",
      "username",
      "password",
      "subject-token",
      "subject-token-type",
      "audience",
      "resource",
      "replace-user-token",
      "issuer",
      "client-id",
      "client-secret",
      "client-auth",
      "scope",
      "token-endpoint",
      "profile",
      "config-dir",
      "json",
      "insecure",
    ]
  ) {
    assert.match(help.stdout, flagLine(flag), `--${flag} in:\n${help.stdout}`);
  }
  assert.match(help.stdout, /^Usage: oauth token \[flags\]$/m);
  assert.doesNotMatch(help.stdout, flagLine("port"), "a flag of login is not one of token");
  assert.match(help.stdout, /OAUTH_TOKEN_ENDPOINT/, "settings name their variables");
  for (const args of [["token", "-h"], ["help", "token"]]) {
    const same = await cli(args, env);
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, help.stdout, args.join(" "));
  }
});

Deno.test("login --help lists --port, --no-browser and --timeout; oauth1 login --help its own", async () => {
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path };
  const login = await cli(["login", "--help"], env);
  assert.equal(login.code, 0, login.stderr);
  for (const flag of ["port", "no-browser", "timeout", "authorization-endpoint", "client-id"]) {
    assert.match(login.stdout, flagLine(flag), `--${flag} in:\n${login.stdout}`);
  }
  assert.doesNotMatch(login.stdout, flagLine("grant"));
  const oauth1 = await cli(["oauth1", "login", "--help"], env);
  assert.equal(oauth1.code, 0, oauth1.stderr);
  for (const flag of ["oob", "port", "timeout", "consumer-key", "request-token-url"]) {
    assert.match(oauth1.stdout, flagLine(flag), `--${flag} in:\n${oauth1.stdout}`);
  }
  assert.doesNotMatch(oauth1.stdout, flagLine("client-id"));
  const group = await cli(["help", "oauth1"], env);
  assert.equal(group.code, 0, group.stderr);
  assert.match(group.stdout, /^ {2}oauth oauth1 login /m);
  assert.match(group.stdout, /^ {2}oauth oauth1 sign <url> /m);
});

Deno.test("every flag a command accepts is in that command's help, short forms included", async () => {
  await using dir = await configDir();
  for (const [name, command] of Object.entries(COMMANDS)) {
    const help = await cli([...name.split(" "), "--help"], { OAUTH_CONFIG_DIR: dir.path });
    assert.equal(help.code, 0, `${name}: ${help.stderr}`);
    for (const flag of [...command.flags, ...command.settings]) {
      assert.match(help.stdout, flagLine(flag), `oauth ${name} --help lacks --${flag}`);
      const short = (FLAGS[flag] as { short?: string }).short;
      if (short) assert.match(help.stdout, new RegExp(`^  -${short}, --${flag}\\b`, "m"));
    }
  }
});

Deno.test("--version prints the version of the package, the one in deno.json", async () => {
  const { version } = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  );
  await using dir = await configDir();
  for (const args of [["--version"], ["token", "--version"]]) {
    const run = await cli(args, { OAUTH_CONFIG_DIR: dir.path });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `oauth (@x/oauth) ${version}\n`);
  }
  const json = await cli(["--version", "--json"], { OAUTH_CONFIG_DIR: dir.path });
  assert.deepEqual(JSON.parse(json.stdout), { name: "@x/oauth", version });
});

Deno.test("help lists every command and points to the help of each", async () => {
  await using dir = await configDir();
  const help = await cli(["help"], { OAUTH_CONFIG_DIR: dir.path });
  assert.equal(help.code, 0, help.stderr);
  for (const name of Object.keys(COMMANDS)) {
    assert.match(help.stdout, new RegExp(`^ {2}oauth ${name}\\b.* {2,}\\S`, "m"), name);
  }
  assert.match(help.stdout, /oauth <command> --help/);
  const bare = await cli([], { OAUTH_CONFIG_DIR: dir.path });
  assert.equal(bare.code, 2, "no command is a usage mistake");
  assert.equal(bare.stdout, help.stdout);
});
