/**
 * The help texts: the list of commands (`oauth help`), each command's own with every flag it
 * takes (`oauth token --help`), and the `oauth1` group's. All are written from cli/catalog.ts
 * and cli/flags.ts, so a flag cannot be taken and left out.
 *
 * @module
 */
import { type Command, type CommandName, COMMANDS, OAUTH1_WORDS } from "./catalog.ts";
import type { HelpTopic } from "./command_line.ts";
import { SETTINGS } from "./config.ts";
import { COMMON_FLAGS, type FlagName, FLAGS } from "./flags.ts";

const TITLE = "oauth — OAuth 1.0a and OAuth 2.0 from the command line (@x/oauth)";

const TOKENS = [
  "Tokens are saved per profile in <config-dir>/tokens/, mode 0600: a user's token (login,",
  "device, --grant password, refresh or exchange) in <profile>.json, the machine token",
  "(client_credentials) apart in <profile>.machine.json, OAuth 1.0a token credentials in",
  "<profile>.oauth1.json. request, revoke and introspect send the user's token when there is",
  "one, else the machine token. A token that begins with '-' goes after '--':",
  "oauth introspect -- -Tk3…",
];

const EXIT_CODES = [
  "Exit codes: 0 done; 1 the server refused (an RFC 6749 error); 2 usage; 3 a failed exchange",
  "or check; 4 timed out or interrupted.",
];

/** The help of `topic`: the list of commands, a command's, or the `oauth1` group's. */
export function helpText(topic: HelpTopic): string {
  if (topic === undefined) return overview();
  return topic === "oauth1" ? groupHelp() : commandHelp(topic);
}

function overview(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  return page([
    TITLE,
    "",
    "Usage: oauth <command> [arguments] [flags]",
    "",
    "Commands:",
    ...table(names.map((name) => [`oauth ${synopsis(name)}`, COMMANDS[name].summary])),
    "",
    "Run oauth <command> --help (or oauth help <command>) for the flags of a command.",
    "",
    "Flags of every command:",
    ...table(COMMON.map(flagRow)),
    "",
    "Settings come from flags, then environment variables, then the profile's entry in",
    "<config-dir>/profiles.json (the flag's name without dashes):",
    ...table(Object.entries(SETTINGS).map(([name, variable]) => [`--${name}`, variable])),
    "",
    ...TOKENS,
    "",
    ...EXIT_CODES,
  ]);
}

function commandHelp(name: CommandName): string {
  const command: Command = COMMANDS[name];
  // One table, cut into sections, so that the whole page lines up.
  const rows = table([...command.flags, ...command.settings, ...COMMON].map(flagRow));
  const own = rows.splice(0, command.flags.length);
  const settings = rows.splice(0, command.settings.length);
  return page([
    `Usage: oauth ${synopsis(name)} [flags]`,
    "",
    ...command.about,
    ...(own.length > 0 ? ["", "Flags:", ...own] : []),
    "",
    "Settings (from the flag, the environment variable, or the profile's entry):",
    ...settings,
    "",
    "Flags of every command:",
    ...rows,
    "",
    ...EXIT_CODES,
  ]);
}

function groupHelp(): string {
  const names = OAUTH1_WORDS.map((word) => `oauth1 ${word}` as CommandName);
  return page([
    "Usage: oauth oauth1 <command> [arguments] [flags]",
    "",
    "OAuth 1.0a (RFC 5849) clients: a 3-legged login, and signed requests with its token.",
    "",
    "Commands:",
    ...table(names.map((name) => [`oauth ${synopsis(name)}`, COMMANDS[name].summary])),
    "",
    "Run oauth oauth1 <command> --help for the flags of each.",
  ]);
}

const COMMON = Object.keys(COMMON_FLAGS) as FlagName[];

/** `request <url>`, `revoke [token]`, `login`. */
function synopsis(name: CommandName): string {
  return [name, ...COMMANDS[name].args].join(" ");
}

/** A flag's forms and value, a setting's variable (else nothing), and its description. */
function flagRow(name: FlagName): string[] {
  const { short, value, description } = FLAGS[name];
  const forms = `${short ? `-${short}, ` : ""}--${name}${value ? ` ${value}` : ""}`;
  const variable = (SETTINGS as Record<string, string | undefined>)[name];
  return variable === undefined ? [forms, description] : [forms, variable, description];
}

/**
 * Rows in columns two spaces apart: each column as wide as its widest cell among the rows that
 * have a cell after it, and a row's last cell unpadded (a flag's description, a setting's).
 */
function table(rows: string[][]): string[] {
  const width = (column: number) =>
    Math.max(...rows.filter((row) => row.length > column + 1).map((row) => row[column].length));
  return rows.map((row) =>
    `  ${
      row.map((cell, column) => column < row.length - 1 ? cell.padEnd(width(column) + 2) : cell)
        .join("")
    }`
  );
}

function page(lines: string[]): string {
  return `${lines.join("\n")}\n`;
}
