/**
 * Where a profile's tokens are saved, and which one a command sends. A profile keeps a user's
 * token and the machine token (the client's own, from client_credentials) apart, so that getting
 * a machine token never signs the user out: `<profile>.json` holds the user's,
 * `<profile>.machine.json` the machine token, `<profile>.oauth1.json` OAuth 1.0a token
 * credentials, all under `<config-dir>/tokens/`, mode 0600 in a 0700 folder.
 *
 * @module
 */
import { join } from "node:path";
import { FileTokenStore } from "../stores/file.ts";
import type { CliConfig } from "./config.ts";
import { UsageError } from "./usage_error.ts";

/** Which of a profile's tokens. */
export type TokenKind = "user" | "machine" | "oauth1";

const SUFFIX: Record<TokenKind, string> = { user: "", machine: ".machine", oauth1: ".oauth1" };

/**
 * Whether `profile` can name a profile: letters, digits, `.`, `_` and `-` (a file name, not a
 * path), not ending like another profile's token file does.
 *
 * @example
 * ```ts
 * import { isProfileName } from "./token_files.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(isProfileName("work-eu.2"));
 * assert.ok(!isProfileName("work.machine"), "the machine token file of profile work");
 * assert.ok(!isProfileName("../work"));
 * ```
 */
export function isProfileName(profile: string): boolean {
  return /^[\w.-]+$/.test(profile) && !/\.(machine|oauth1)$/.test(profile);
}

/** The store of one of the profile's tokens. */
export function tokenStore(config: CliConfig, kind: TokenKind = "user"): FileTokenStore {
  if (!isProfileName(config.profile)) {
    throw new UsageError(
      "--profile is letters, digits, . _ - and does not end in .machine or .oauth1 " +
        "(the names of other profiles' token files)",
    );
  }
  const file = `${config.profile}${SUFFIX[kind]}.json`;
  return new FileTokenStore(join(config.configDir, "tokens", file));
}

/**
 * The store of the token that `request`, `revoke` and `introspect` send: the client's when
 * `machineToken` (`--machine-token`), else the user's when one is saved, else the machine token
 * when one is saved, else the user's (whose absence the library reports as `missing_token`).
 */
export async function tokenInUse(config: CliConfig, machineToken = false): Promise<FileTokenStore> {
  const machine = tokenStore(config, "machine");
  if (machineToken) return machine;
  const user = tokenStore(config, "user");
  if (await user.get() !== undefined) return user;
  return await machine.get() !== undefined ? machine : user;
}
