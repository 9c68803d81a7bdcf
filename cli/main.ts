/**
 * `oauth`: the command-line tool built on `@x/oauth`. Run it with `deno run -A cli/main.ts`
 * or, from the npm package, as `oauth`. `oauth help` lists the commands, settings and exit
 * codes; `oauth <command> --help` the flags of each.
 *
 * @module
 */
import process from "node:process";
import type { CommandName } from "./catalog.ts";
import { helpHint, type Invocation, readCommandLine } from "./command_line.ts";
import { type CliConfig, loadConfig } from "./config.ts";
import { helpText } from "./help.ts";
import { describeError, EXIT, print } from "./output.ts";
import { packageVersion } from "./version.ts";
import * as tokens from "./commands/tokens.ts";
import * as login from "./commands/login.ts";
import * as oauth1 from "./commands/oauth1.ts";

/** Runs the command of `args` and answers the exit code. */
export async function main(args: string[]): Promise<number> {
  let invocation: Invocation | undefined;
  let config: CliConfig | undefined;
  try {
    invocation = readCommandLine(args);
    if (invocation.kind === "version") {
      const version = await packageVersion() ?? "(version unknown)";
      print(invocation.values.json === true, [`oauth (@x/oauth) ${version}`], {
        name: "@x/oauth",
        version,
      });
      return EXIT.ok;
    }
    if (invocation.kind === "help") {
      process.stdout.write(helpText(invocation.topic));
      return invocation.exitCode;
    }
    config = await loadConfig(invocation.values);
    await run(invocation.command, invocation.args, config, invocation.values);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    const report = describeError(error, { profile: config?.profile });
    // A usage mistake inside a command points to that command's help.
    const hint = report.hint ??
      (report.code === EXIT.usage && invocation?.kind === "run"
        ? helpHint(invocation.command)
        : undefined);
    process.stderr.write(`${report.line}\n${hint === undefined ? "" : `hint: ${hint}\n`}`);
    return report.code;
  }
}

function run(
  command: CommandName,
  args: string[],
  config: CliConfig,
  values: Record<string, unknown>,
): Promise<void> {
  const flags = values as Record<string, never>;
  switch (command) {
    case "login":
      return login.login(config, flags);
    case "device":
      return login.device(config, flags);
    case "token":
      return tokens.token(config, flags);
    case "revoke":
      return tokens.revoke(config, args[0], flags);
    case "introspect":
      return tokens.introspect(config, args[0], flags);
    case "discover":
      return tokens.discover(config, args[0]);
    case "request":
      return tokens.request(config, args[0], flags);
    case "oauth1 login":
      return oauth1.login(config, flags);
    case "oauth1 sign":
      return oauth1.sign(config, args[0], flags);
  }
}

// `deno run cli/main.ts` runs it; Node runs cli/bin.ts, as it has no import.meta.main.
if ((import.meta as { main?: boolean }).main) process.exit(await main(process.argv.slice(2)));
