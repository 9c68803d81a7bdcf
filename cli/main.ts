/**
 * `oauth`: the command-line tool built on `@x/oauth`. Run it with `deno run -A cli/main.ts`
 * or, from the npm package, as `oauth`. `oauth help` lists the commands, settings and exit
 * codes.
 *
 * @module
 */
import { parseArgs } from "node:util";
import process from "node:process";
import { loadConfig, SETTINGS } from "./config.ts";
import { describeError, EXIT } from "./output.ts";
import * as tokens from "./commands/tokens.ts";
import * as login from "./commands/login.ts";
import * as oauth1 from "./commands/oauth1.ts";

const USAGE = `oauth — OAuth 1.0a and OAuth 2.0 from the command line (@x/oauth)

  oauth login [--port N] [--no-browser]      authorization code + PKCE, loopback redirect
  oauth device [--no-browser]                device authorization grant (RFC 8628)
  oauth token [--grant G] [...]              client_credentials | password | refresh | exchange
  oauth revoke [token]                       RFC 7009; the saved token by default
  oauth introspect [token]                   RFC 7662; the saved token by default
  oauth discover [issuer]                    RFC 8414 / OpenID metadata
  oauth request <url> [-X M] [-d D] [-H H]   an API call with the saved token, refreshed as needed
  oauth oauth1 login [--oob] [--port N]      3-legged OAuth 1.0a, loopback callback or oob
  oauth oauth1 sign <url> [-X M] [-d D]      a curl command carrying the signed request

Settings (flag, then environment, then the profile in <config-dir>/profiles.json):
${
  Object.entries(SETTINGS).map(([flag, variable]) => `  --${flag.padEnd(24)} ${variable}`).join(
    "\n",
  )
}
  --profile NAME (OAUTH_PROFILE, default "default"), --config-dir DIR (OAUTH_CONFIG_DIR),
  --json for one JSON document on stdout. Tokens are saved per profile, mode 0600.
  --insecure (OAUTH_INSECURE=1) allows http: servers beyond loopback, for development only.
  A token that begins with "-" goes last, after "--": oauth introspect --json -- -Tk3…

Exit codes: 0 done; 1 the server refused (RFC 6749 error); 2 usage; 3 a failed exchange or check;
4 timed out or interrupted.
`;

const FLAGS = {
  ...Object.fromEntries(Object.keys(SETTINGS).map((flag) => [flag, { type: "string" as const }])),
  profile: { type: "string" },
  "config-dir": { type: "string" },
  json: { type: "boolean" },
  insecure: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  grant: { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  "subject-token": { type: "string" },
  "subject-token-type": { type: "string" },
  audience: { type: "string" },
  resource: { type: "string", multiple: true },
  method: { type: "string", short: "X" },
  data: { type: "string", short: "d" },
  header: { type: "string", short: "H", multiple: true },
  port: { type: "string" },
  "no-browser": { type: "boolean" },
  oob: { type: "boolean" },
  timeout: { type: "string" },
} as const;

/** Runs the command of `args` and answers the exit code. */
export async function main(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args, options: FLAGS, allowPositionals: true });
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === "help") {
      process.stdout.write(USAGE);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    const config = await loadConfig(values);
    const flags = values as Record<string, never>;
    switch (command) {
      case "login":
        await login.login(config, flags);
        break;
      case "device":
        await login.device(config, flags);
        break;
      case "token":
        await tokens.token(config, flags);
        break;
      case "revoke":
        await tokens.revoke(config, rest[0]);
        break;
      case "introspect":
        await tokens.introspect(config, rest[0]);
        break;
      case "discover":
        await tokens.discover(config, rest[0]);
        break;
      case "request":
        await tokens.request(config, needUrl(rest[0], "request"), flags);
        break;
      case "oauth1":
        if (rest[0] === "login") await oauth1.login(config, flags);
        else if (rest[0] === "sign") {
          await oauth1.sign(config, needUrl(rest[1], "oauth1 sign"), flags);
        } else throw new TypeError(`oauth1 takes login or sign, not ${rest[0] ?? "nothing"}`);
        break;
      default:
        throw new TypeError(`unknown command ${command}; see oauth help`);
    }
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    const { code, line } = describeError(error);
    process.stderr.write(`${line}\n`);
    return code;
  }
}

function needUrl(url: string | undefined, command: string): string {
  if (url === undefined) throw new TypeError(`${command} needs a URL`);
  return url;
}

// `deno run cli/main.ts` runs it; Node runs cli/bin.ts, as it has no import.meta.main.
if ((import.meta as { main?: boolean }).main) process.exit(await main(process.argv.slice(2)));
