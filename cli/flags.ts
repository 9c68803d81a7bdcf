/**
 * Every flag of the CLI, once: whether it takes a value, its short form, and the one line the
 * help shows for it. Which command takes which is cli/catalog.ts.
 *
 * @module
 */
import type { Setting } from "./config.ts";

/** How a flag is written and what the help says about it. */
export interface Flag {
  /** `"string"` takes a value (`--port 8080`, `--port=8080`); `"boolean"` takes none. */
  type: "string" | "boolean";
  /** The value's name in the help (`N`, `URL`), for a flag that takes one. */
  value?: string;
  /** A one-letter form, written `-X POST` or `-XPOST`. */
  short?: string;
  /** Whether each use adds a value (`-H A -H B`) rather than replacing the last. */
  multiple?: boolean;
  /** One line for the help. */
  description: string;
}

const text = (value: string, description: string): Flag => ({
  type: "string",
  value,
  description,
});
const toggle = (description: string): Flag => ({ type: "boolean", description });

/** The settings as flags; each also has an environment variable and a name in the profile. */
export const SETTING_FLAGS = {
  issuer: text("URL", "the server; its endpoints are found by discovery"),
  "client-id": text("ID", "the client's identifier"),
  "client-secret": text("SECRET", "its secret; the variable keeps it out of ps"),
  "client-auth": text("METHOD", "client_secret_basic, client_secret_post, client_secret_jwt, none"),
  scope: text("SCOPES", "the scopes to ask for, separated by spaces"),
  "authorization-endpoint": text("URL", "where the user signs in"),
  "token-endpoint": text("URL", "where tokens come from"),
  "device-endpoint": text("URL", "device authorization (RFC 8628)"),
  "revocation-endpoint": text("URL", "token revocation (RFC 7009)"),
  "introspection-endpoint": text("URL", "token introspection (RFC 7662)"),
  "userinfo-endpoint": text("URL", "OpenID Connect userinfo"),
  "consumer-key": text("KEY", "the OAuth 1.0a client's key"),
  "consumer-secret": text("SECRET", "its secret; the variable keeps it out of ps"),
  "request-token-url": text("URL", "where temporary credentials come from"),
  "authorize-url": text("URL", "where the user approves"),
  "access-token-url": text("URL", "where token credentials come from"),
} as const satisfies Record<Setting, Flag>;

/** Flags every command takes. */
export const COMMON_FLAGS = {
  profile: text("NAME", 'the profile: its settings and tokens; OAUTH_PROFILE, or "default"'),
  "config-dir": text("DIR", "profiles.json and tokens/; OAUTH_CONFIG_DIR, or ~/.config/x-oauth"),
  json: toggle("print one JSON document on stdout, tokens in full, for scripts"),
  insecure: toggle("allow http: beyond loopback, for development only; OAUTH_INSECURE=1"),
  help: { type: "boolean", short: "h", description: "show this help" },
  version: toggle("print the version of the package"),
} as const satisfies Record<string, Flag>;

/** Flags only some commands take. */
export const COMMAND_FLAGS = {
  grant: text("GRANT", "client_credentials (default), password, refresh or exchange"),
  username: text("NAME", "the user's name, for --grant password"),
  password: text("PASSWORD", "the user's password, for --grant password (never printed)"),
  "subject-token": text("TOKEN", "the token to exchange, for --grant exchange"),
  "subject-token-type": text(
    "URI",
    "its type; default urn:ietf:params:oauth:token-type:access_token",
  ),
  audience: text("AUDIENCE", "the service an exchanged token is for, for --grant exchange"),
  resource: {
    ...text("URI", "a resource the token is for (RFC 8707); repeat for more"),
    multiple: true,
  },
  "replace-user-token": toggle("save a client_credentials token as the user's, replacing it"),
  "machine-token": toggle("send the machine token even when a user's token is saved"),
  method: { ...text("METHOD", "the HTTP method; default GET, or POST with --data"), short: "X" },
  data: { ...text("DATA", "the request body, sent as given"), short: "d" },
  header: {
    ...text("HEADER", 'a request header, "Name: value"; repeat for more'),
    short: "H",
    multiple: true,
  },
  port: text("N", "the port of the loopback redirect; default 0, a free one"),
  "no-browser": toggle("print the URL without opening a browser"),
  timeout: text("SECONDS", "how long to wait for the user; default 300"),
  oob: toggle("no loopback callback: type in the verifier the provider shows"),
} as const satisfies Record<string, Flag>;

/** Every flag, by name. */
export const FLAGS: Record<FlagName, Flag> = {
  ...SETTING_FLAGS,
  ...COMMON_FLAGS,
  ...COMMAND_FLAGS,
};

/** The name of a flag, without its dashes. */
export type FlagName =
  | keyof typeof SETTING_FLAGS
  | keyof typeof COMMON_FLAGS
  | keyof typeof COMMAND_FLAGS;

/** Whether `name` is a flag of the CLI (and not a name every object has, like `constructor`). */
export function isFlag(name: string): name is FlagName {
  return Object.hasOwn(FLAGS, name);
}
