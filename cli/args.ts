/**
 * Reading a command line by the flags of cli/flags.ts: `--name value`, `--name=value`,
 * `-X value`, `-XPOST`, repeatable flags, and `--` before arguments that begin with `-`. Whether
 * a flag belongs to the command is decided once the command is known (cli/command_line.ts),
 * so that a mistake can be reported with the flags of that command.
 *
 * @module
 */
import { type FlagName, FLAGS, isFlag } from "./flags.ts";
import { UsageError } from "./usage_error.ts";

/** A command line, read. */
export interface ParsedArgs {
  /** The words that are not flags, in order: the command, then its arguments. */
  positionals: string[];
  /** The flags given, by name: a string, the strings of a repeatable flag, or `true`. */
  values: Partial<Record<FlagName, string | string[] | boolean>>;
  /** Flags that no command has, as written (`--grnat`, `-q`), without any `=value`. */
  unknown: string[];
}

const SHORT = new Map<string, FlagName>(
  (Object.entries(FLAGS) as [FlagName, { short?: string }][]).flatMap(([name, flag]) =>
    flag.short ? [[flag.short, name]] : []
  ),
);

/**
 * The flags and positional arguments of `args`. An unknown flag is collected, not refused, and
 * takes no value (what follows it is read on its own); a flag without its value is a
 * {@linkcode UsageError}. A value that begins with `-` must be written `--name=-value`, so that a
 * forgotten value never swallows the next flag.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * import assert from "node:assert/strict";
 *
 * const { positionals, values } = parseArgs(["request", "-XPOST", "--json", "https://a.example"]);
 * assert.deepEqual(positionals, ["request", "https://a.example"]);
 * assert.deepEqual(values, { method: "POST", json: true });
 * ```
 */
export function parseArgs(args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: {}, unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    const written = splitFlag(arg);
    if (written === undefined) parsed.positionals.push(arg);
    else if (written.name === undefined) parsed.unknown.push(written.as);
    else if (FLAGS[written.name].type === "boolean") {
      if (written.inline !== undefined) throw new UsageError(`${written.as} takes no value`);
      parsed.values[written.name] = true;
    } else {
      const value = written.inline ?? valueAfter(written.as, written.name, args[i + 1]);
      if (written.inline === undefined) i++;
      keep(parsed.values, written.name, value);
    }
  }
  return parsed;
}

/** A flag as written: its name if the CLI has it, its written form, and an attached value. */
interface WrittenFlag {
  name?: FlagName;
  as: string;
  inline?: string;
}

function splitFlag(arg: string): WrittenFlag | undefined {
  if (arg.startsWith("--")) {
    const equals = arg.indexOf("=");
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    const inline = equals < 0 ? undefined : arg.slice(equals + 1);
    return { name: isFlag(name) ? name : undefined, as: `--${name}`, inline };
  }
  // A lone "-" is an argument (by convention, standard input), not a flag.
  if (!arg.startsWith("-") || arg.length === 1) return undefined;
  const name = SHORT.get(arg[1]);
  return { name, as: `-${arg[1]}`, inline: arg.slice(2) || undefined };
}

function valueAfter(written: string, name: FlagName, next: string | undefined): string {
  if (next === undefined) throw new UsageError(`${written} needs a value`);
  if (next.startsWith("-") && next !== "-") {
    throw new UsageError(
      `${written} needs a value (write --${name}=VALUE for one that begins with "-")`,
    );
  }
  return next;
}

function keep(values: ParsedArgs["values"], name: FlagName, value: string): void {
  if (!FLAGS[name].multiple) values[name] = value;
  else values[name] = [...(values[name] as string[] | undefined ?? []), value];
}
