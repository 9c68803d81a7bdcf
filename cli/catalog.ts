/**
 * The commands of the CLI: what each is for, its arguments, and the flags and settings it
 * takes. The help is written from this table and the command line is checked against it, so
 * the two cannot disagree.
 *
 * @module
 */
import type { Setting } from "./config.ts";
import { type COMMAND_FLAGS, COMMON_FLAGS, type FlagName } from "./flags.ts";

/** One command. */
export interface Command {
  /** Its arguments as the help shows them: `<url>` is required, `[token]` optional. */
  args: readonly string[];
  /** One line for the list of commands. */
  summary: string;
  /** What the command does, for its own help: a few lines. */
  about: readonly string[];
  /** Its own flags (every command also takes the common ones). */
  flags: readonly (keyof typeof COMMAND_FLAGS)[];
  /** The settings it reads. */
  settings: readonly Setting[];
}

const CLIENT: Setting[] = ["issuer", "client-id", "client-secret", "client-auth"];
const SIGN_IN = ["no-browser", "timeout"] as const;
const CONSUMER: Setting[] = ["consumer-key", "consumer-secret"];

/** Every command, by the words that name it. */
export const COMMANDS = {
  login: {
    args: [],
    summary: "sign in: authorization code + PKCE through a loopback redirect",
    about: [
      "Opens the authorization endpoint in a browser, waits for the redirect to",
      "http://127.0.0.1:<port>/callback (RFC 8252), exchanges the code and saves the",
      "profile's user token.",
    ],
    flags: ["port", ...SIGN_IN],
    settings: [...CLIENT, "scope", "authorization-endpoint", "token-endpoint"],
  },
  device: {
    args: [],
    summary: "sign in on another device: the device authorization grant (RFC 8628)",
    about: [
      "Shows a code to enter at the server's page, polls until it is approved and saves",
      "the profile's user token.",
    ],
    flags: [...SIGN_IN],
    settings: [...CLIENT, "scope", "device-endpoint", "token-endpoint"],
  },
  token: {
    args: [],
    summary: "get a token by client_credentials, password, refresh or exchange",
    about: [
      "Gets a token by the grant --grant names and saves it in the profile.",
      "client_credentials gives a machine token, the client's own, saved apart (in",
      "<profile>.machine.json) so that the user's token stays the one request, revoke and",
      "introspect send; --replace-user-token saves it as the user's instead. password and",
      "exchange save the user's token; refresh renews it.",
    ],
    flags: [
      "grant",
      "username",
      "password",
      "subject-token",
      "subject-token-type",
      "audience",
      "resource",
      "replace-user-token",
    ],
    settings: [...CLIENT, "scope", "token-endpoint"],
  },
  revoke: {
    args: ["[token]"],
    summary: "revoke a token (RFC 7009); the saved one by default",
    about: [
      "Revokes the token given, or else the saved one (its refresh token first, which ends",
      "the grant) and forgets it. The saved one is the user token when there is one.",
    ],
    flags: ["machine-token"],
    settings: [...CLIENT, "revocation-endpoint"],
  },
  introspect: {
    args: ["[token]"],
    summary: "ask the server about a token (RFC 7662); the saved one by default",
    about: [
      "Prints what the server knows of the token given, or else of the saved one: the",
      "user token when there is one.",
    ],
    flags: ["machine-token"],
    settings: [...CLIENT, "introspection-endpoint"],
  },
  discover: {
    args: ["[issuer]"],
    summary: "print the server's metadata (RFC 8414 / OpenID Connect discovery)",
    about: ["Prints the metadata of the issuer given, or of --issuer."],
    flags: [],
    settings: ["issuer"],
  },
  request: {
    args: ["<url>"],
    summary: "call an API with the saved token, refreshed as needed",
    about: [
      "Sends a request with the saved token: the user token when there is one, else the",
      "machine token. Prints the status and the body; exit 1 unless it is 2xx.",
    ],
    flags: ["method", "data", "header", "machine-token"],
    settings: [...CLIENT, "token-endpoint"],
  },
  "oauth1 login": {
    args: [],
    summary: "3-legged OAuth 1.0a, through a loopback callback or --oob",
    about: [
      "Gets temporary credentials, sends the user to approve them, and saves the token",
      "credentials in the profile (apart from its OAuth 2.0 tokens).",
    ],
    flags: ["oob", "port", ...SIGN_IN],
    settings: [...CONSUMER, "request-token-url", "authorize-url", "access-token-url"],
  },
  "oauth1 sign": {
    args: ["<url>"],
    summary: "print a curl command carrying the signed request",
    about: [
      "Signs a request with the saved token credentials (HMAC-SHA1, in the Authorization",
      "header) and prints it as a curl command; --data is sent form-encoded and signed.",
    ],
    flags: ["method", "data"],
    settings: CONSUMER,
  },
} as const satisfies Record<string, Command>;

/** The name of a command: its words, `token` or `oauth1 login`. */
export type CommandName = keyof typeof COMMANDS;

/** Whether `name` names a command. */
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The top-level words of the command line: the commands, the `oauth1` group and `help`. */
export const WORDS: readonly string[] = [
  ...Object.keys(COMMANDS).filter((name) => !name.includes(" ")),
  "oauth1",
  "help",
];

/** The commands of the `oauth1` group, by their second word. */
export const OAUTH1_WORDS: readonly string[] = Object.keys(COMMANDS)
  .filter((name) => name.startsWith("oauth1 "))
  .map((name) => name.slice("oauth1 ".length));

const COMMON = Object.keys(COMMON_FLAGS) as (keyof typeof COMMON_FLAGS)[];

/** Every flag `name` takes: its own, its settings, and the ones every command takes. */
export function flagsOf(name: CommandName): FlagName[] {
  const command: Command = COMMANDS[name];
  return [...command.flags, ...command.settings, ...COMMON];
}
