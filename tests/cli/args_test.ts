/**
 * Reading the command line: the flags of cli/flags.ts in their written forms, and mistakes
 * reported in the CLI's words (with a guess at what was meant), never in Node's.
 */
import assert from "node:assert/strict";
import { parseArgs } from "../../cli/args.ts";
import { cli, configDir } from "./_cli.ts";

Deno.test("flags are read as --name value, --name=value, -X value and -Xvalue, repeatable ones kept", () => {
  const parsed = parseArgs([
    "request",
    "--profile=work",
    "https://api.example/",
    "-XPOST",
    "-H",
    "Accept: text/plain",
    "--header",
    "X-A: 1",
    "-d",
    "a=1",
    "--json",
    "--",
    "--not-a-flag",
  ]);
  assert.deepEqual(parsed.positionals, ["request", "https://api.example/", "--not-a-flag"]);
  assert.deepEqual(parsed.values, {
    profile: "work",
    method: "POST",
    header: ["Accept: text/plain", "X-A: 1"],
    data: "a=1",
    json: true,
  });
  assert.deepEqual(parsed.unknown, []);
});

Deno.test("an unknown flag is collected, not taken as one with a value; a missing value is a usage error", () => {
  assert.deepEqual(parseArgs(["token", "--grnat", "x", "-q"]).unknown, ["--grnat", "-q"]);
  assert.deepEqual(parseArgs(["token", "--grnat=x"]).unknown, ["--grnat"]);
  assert.throws(() => parseArgs(["token", "--grant"]), {
    name: "UsageError",
    message: "--grant needs a value",
  });
  assert.throws(() => parseArgs(["token", "--grant", "--json"]), {
    message: '--grant needs a value (write --grant=VALUE for one that begins with "-")',
  });
  assert.equal(parseArgs(["token", "--subject-token=-abc"]).values["subject-token"], "-abc");
  assert.throws(() => parseArgs(["request", "u", "-H", "-x"]), {
    message: '-H needs a value (write --header=VALUE for one that begins with "-")',
  });
  assert.throws(() => parseArgs(["token", "--json=yes"]), { message: "--json takes no value" });
  assert.deepEqual(parseArgs(["__proto__", "--constructor"]).unknown, ["--constructor"]);
});

Deno.test("a mistyped command, subcommand or flag is exit 2 with a did-you-mean, in the CLI's words", async () => {
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path };
  const cases: [string[], string, string][] = [
    [
      ["tokne"],
      "usage: unknown command tokne; did you mean token?",
      "oauth help lists the commands",
    ],
    [["help", "introspcet"], "usage: unknown command introspcet; did you mean introspect?", ""],
    [["oauth1", "sgin"], "usage: unknown command oauth1 sgin; did you mean oauth1 sign?", ""],
    [["token", "--grnat", "x"], "usage: unknown flag --grnat; did you mean --grant?", ""],
    [["login", "--no-brwoser"], "usage: unknown flag --no-brwoser; did you mean --no-browser?", ""],
    [
      ["request", "u", "--headr", "A: b"],
      "usage: unknown flag --headr; did you mean --header?",
      "",
    ],
    [
      ["login", "--grant", "password"],
      "usage: --grant is a flag of oauth token, not of oauth login",
      "",
    ],
    [["token", "--verison"], "usage: unknown flag --verison; did you mean --version?", ""],
    [["frobnicate"], "usage: unknown command frobnicate", "oauth help lists the commands"],
  ];
  for (const [args, line, hint] of cases) {
    const run = await cli(args, env);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    const [first, second] = run.stderr.split("\n");
    assert.equal(first, line, args.join(" "));
    assert.match(second, /^hint: oauth .*--help|^hint: oauth help/, args.join(" "));
    if (hint) assert.equal(second, `hint: ${hint}`);
    assert.doesNotMatch(run.stderr, /Unknown option|To specify a positional/, "not Node's text");
  }
  const flag = await cli(["token", "--grnat", "x"], env);
  assert.equal(flag.stderr.split("\n")[1], "hint: oauth token --help lists its flags");
});

Deno.test("arguments a command does not take are a usage error that does not echo them", async () => {
  await using dir = await configDir();
  const run = await cli(["token", "s3cr3t-typed-by-mistake"], { OAUTH_CONFIG_DIR: dir.path });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^usage: oauth token takes no argument \(1 given\)$/m);
  assert.ok(!run.stderr.includes("s3cr3t"));
  const missing = await cli(["request"], { OAUTH_CONFIG_DIR: dir.path });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^usage: oauth request needs <url>$/m);
});
