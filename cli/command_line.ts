/**
 * What the user asked for: help, the version, or a command with its arguments and flags,
 * checked against the catalog. Every mistake is a {@linkcode UsageError} in the CLI's words,
 * with a guess at what was meant and the help to read.
 *
 * @module
 */
import { parseArgs, type ParsedArgs } from "./args.ts";
import {
  type Command,
  type CommandName,
  COMMANDS,
  flagsOf,
  isCommand,
  OAUTH1_WORDS,
  WORDS,
} from "./catalog.ts";
import { FLAGS } from "./flags.ts";
import { didYouMean } from "./suggest.ts";
import { UsageError } from "./usage_error.ts";

/** What a help can be about: nothing (the list of commands), a command, or the oauth1 group. */
export type HelpTopic = CommandName | "oauth1" | undefined;

/** A command line, understood. */
export type Invocation =
  | { kind: "version"; values: ParsedArgs["values"] }
  | { kind: "help"; topic: HelpTopic; values: ParsedArgs["values"]; exitCode: number }
  | { kind: "run"; command: CommandName; args: string[]; values: ParsedArgs["values"] };

const HELP_HINT = "oauth help lists the commands";

/**
 * The invocation `argv` asks for: `--version` anywhere; `help [command]`, `<command> --help`
 * or `-h`; otherwise a command whose flags and number of arguments are checked.
 */
export function readCommandLine(argv: readonly string[]): Invocation {
  const { positionals, values, unknown } = parseArgs(argv);
  if (values.version) return { kind: "version", values };
  const asksHelp = positionals[0] === "help";
  const { topic, args } = resolve(asksHelp ? positionals.slice(1) : positionals);
  if (unknown.length > 0) throw unknownFlag(unknown[0], topic);
  if (asksHelp || values.help || topic === undefined) {
    const exitCode = topic === undefined && !asksHelp && !values.help ? 2 : 0;
    return { kind: "help", topic, values, exitCode };
  }
  if (topic === "oauth1") {
    throw new UsageError(`oauth1 takes ${OAUTH1_WORDS.join(" or ")}`, helpHint(topic));
  }
  checkFlags(topic, values);
  checkArgs(topic, args);
  return { kind: "run", command: topic, args, values };
}

/** The command the words name, and its arguments. */
function resolve(words: string[]): { topic: HelpTopic; args: string[] } {
  const [first, second] = words;
  if (first === undefined) return { topic: undefined, args: [] };
  if (first === "oauth1") {
    if (second === undefined) return { topic: "oauth1", args: [] };
    const name = `oauth1 ${second}`;
    if (isCommand(name)) return { topic: name, args: words.slice(2) };
    throw new UsageError(
      `unknown command ${name}${didYouMean(second, OAUTH1_WORDS, (word) => `oauth1 ${word}`)}`,
      "oauth help oauth1 lists its commands",
    );
  }
  if (!first.includes(" ") && isCommand(first)) return { topic: first, args: words.slice(1) };
  throw new UsageError(`unknown command ${first}${didYouMean(first, WORDS)}`, HELP_HINT);
}

function unknownFlag(written: string, topic: HelpTopic): UsageError {
  const known = topic === undefined || topic === "oauth1" ? Object.keys(FLAGS) : flagsOf(topic);
  const guess = written.startsWith("--")
    ? didYouMean(written.slice(2), known, (name) => `--${name}`)
    : "";
  return new UsageError(`unknown flag ${written}${guess}`, helpHint(topic));
}

function checkFlags(name: CommandName, values: ParsedArgs["values"]): void {
  const taken = new Set<string>(flagsOf(name));
  const stray = Object.keys(values).find((flag) => !taken.has(flag));
  if (stray === undefined) return;
  const owners = (Object.keys(COMMANDS) as CommandName[])
    .filter((other) => flagsOf(other).some((flag) => flag === stray))
    .map((other) => `oauth ${other}`);
  // A setting most commands take is not worth a list.
  const message = owners.length > 0 && owners.length <= 2
    ? `--${stray} is a flag of ${owners.join(" and ")}, not of oauth ${name}`
    : `--${stray} is not a flag of oauth ${name}`;
  throw new UsageError(message, helpHint(name));
}

function checkArgs(name: CommandName, args: string[]): void {
  const command: Command = COMMANDS[name];
  const required = command.args.filter((arg) => arg.startsWith("<"));
  if (args.length < required.length) {
    throw new UsageError(`oauth ${name} needs ${required[args.length]}`, helpHint(name));
  }
  // The words are not echoed: a token or secret typed in the wrong place must not be shown.
  if (args.length > command.args.length) {
    const most = command.args.length === 0 ? "no argument" : `at most ${command.args.join(" ")}`;
    throw new UsageError(
      `oauth ${name} takes ${most} (${args.length} given)`,
      helpHint(name),
    );
  }
}

/** Where to read what `topic` takes. */
export function helpHint(topic: HelpTopic): string {
  if (topic === undefined) return HELP_HINT;
  return topic === "oauth1"
    ? "oauth help oauth1 lists its commands"
    : `oauth ${topic} --help lists its flags`;
}
