/**
 * The values of flags and settings that must be of a kind (a port, a number of seconds, one of
 * a few words), read before anything is sent, so that a wrong one is a usage error naming its
 * flag rather than a NaN or a library option deep inside a run.
 *
 * @module
 */
import { didYouMean } from "./suggest.ts";
import { UsageError } from "./usage_error.ts";

/**
 * `--port`: a whole number from 0 to 65535, where 0 (the default) lets the system pick a free
 * port.
 *
 * @example
 * ```ts
 * import { portFlag } from "./flag_values.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(portFlag(undefined), 0);
 * assert.equal(portFlag("53682"), 53682);
 * assert.throws(() => portFlag("abc"), /--port must be a whole number/);
 * ```
 */
export function portFlag(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port <= 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${value}`);
  }
  return port;
}

// setTimeout fires at once for a delay beyond a signed 32-bit count of milliseconds.
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * `--timeout`: seconds above 0 (fractions allowed), in milliseconds; `defaultSeconds` when the
 * flag is not given.
 *
 * @example
 * ```ts
 * import { timeoutMs } from "./flag_values.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timeoutMs(undefined), 300_000);
 * assert.equal(timeoutMs("1.5"), 1500);
 * assert.throws(() => timeoutMs("0"), /--timeout must be a number of seconds above 0/);
 * ```
 */
export function timeoutMs(value: string | undefined, defaultSeconds = 300): number {
  if (value === undefined) return defaultSeconds * 1000;
  const seconds = /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0)) {
    throw new UsageError(`--timeout must be a number of seconds above 0, not ${value}`);
  }
  if (seconds > MAX_SECONDS) {
    throw new UsageError(`--timeout must be at most ${MAX_SECONDS} seconds, not ${value}`);
  }
  return Math.round(seconds * 1000);
}

/**
 * `value` when it is one of `allowed`, else a usage error naming `flag` (with its variable, if
 * the value may have come from there), the words allowed and the nearest of them.
 *
 * @example
 * ```ts
 * import { oneOf } from "./flag_values.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(oneOf("--grant", "password", ["password", "refresh"]), "password");
 * assert.throws(
 *   () => oneOf("--grant", "pasword", ["password", "refresh"]),
 *   /--grant must be password or refresh, not pasword; did you mean password\?$/,
 * );
 * ```
 */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const words = `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`;
  throw new UsageError(`${flag} must be ${words}, not ${value}${didYouMean(value, allowed)}`);
}
