/**
 * A mistake in how the CLI was called: exit code 2, reported as `usage: …` with a hint on what
 * to run instead.
 *
 * @module
 */

/**
 * A usage mistake, with an optional hint line. It is a `TypeError` because the library reports
 * a caller's mistake as one too, and both are exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UsageError("--port needs a value", "oauth login --help lists its flags");
 * assert.ok(error instanceof TypeError);
 * assert.equal(error.hint, "oauth login --help lists its flags");
 * ```
 */
export class UsageError extends TypeError {
  /** What to run or read next, when the CLI knows better than "see the help". */
  readonly hint?: string;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}
