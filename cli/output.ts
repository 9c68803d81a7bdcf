/**
 * What the CLI prints: lines for people, one JSON document with `--json`, and errors as one
 * line each with an exit code that says what kind of failure it was.
 *
 * @module
 */
import process from "node:process";
import { OAuthError, OAuthResponseError } from "../mod.ts";
import { type AdviceContext, adviceFor } from "./hints.ts";
import { UsageError } from "./usage_error.ts";

/** Exit codes, as the README documents them. */
export const EXIT = {
  ok: 0,
  /** The server refused: an RFC 6749 error (`invalid_grant`, `access_denied`, …). */
  refused: 1,
  /** A usage mistake: unknown command or flag, a missing setting. */
  usage: 2,
  /** The exchange failed on our side of the checks: transport, malformed response, a check. */
  failed: 3,
  /** Timed out or interrupted. */
  interrupted: 4,
} as const;

// ESC starts escape sequences (colours, the window title, OSC 8 links, OSC 52 clipboard writes),
// BEL ends some of them, CR and BS write over what was shown, and U+009B is a one-character CSI
// on terminals that honour 8-bit controls: text from a server must be able to do none of that.
// deno-lint-ignore no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
// JSON.stringify escapes C0 controls but leaves DEL and C1 raw; inside a JSON string, \u escapes
// of them parse back to the same text, and outside one they cannot occur.
const UNESCAPED_IN_JSON = /[\x7f-\x9f]/g;

/**
 * Text from a server made safe to print on a terminal: every C0 control (newlines and tabs
 * too), DEL and every C1 control removed, so it can neither run escape sequences nor forge
 * lines of output.
 *
 * @example
 * ```ts
 * import { printable } from "./output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(printable("WDJB-MJHT\x1b]0;pwned\x07\r"), "WDJB-MJHT]0;pwned");
 * ```
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, "");
}

/**
 * What {@linkcode print} writes: the `human` lines, each {@linkcode printable}, or `data` as
 * one JSON document in which no control character is left raw.
 *
 * @example
 * ```ts
 * import { render } from "./output.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(render(false, ["user_code \x1b[2JU"], {}), "user_code [2JU\n");
 * assert.equal(render(true, [], { note: "\x9b" }), '{\n  "note": "\\u009b"\n}\n');
 * ```
 */
export function render(json: boolean, human: string[], data: unknown): string {
  if (!json) return `${human.map(printable).join("\n")}\n`;
  const text = JSON.stringify(data, null, 2).replace(
    UNESCAPED_IN_JSON,
    (control) => `\\u${control.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${text}\n`;
}

/** Writes a result: `human` lines, or `json` as one document with `--json`. */
export function print(json: boolean, human: string[], data: unknown): void {
  process.stdout.write(render(json, human, data));
}

/** A token for people: the tokens and secrets in it shortened, the rest as it is. */
export function tokenLines(token: Record<string, unknown>): string[] {
  const width = Math.max(...Object.keys(token).map((name) => name.length));
  return Object.entries(token).map(([name, value]) =>
    `${name.padEnd(width)} ${
      typeof value === "string" && /(token|secret)$/.test(name) ? shorten(value) : String(value)
    }`
  );
}

/** The first characters of a secret and its length: enough to tell tokens apart. */
export function shorten(secret: string): string {
  return secret.length <= 12 ? "…" : `${secret.slice(0, 6)}… (${secret.length} characters)`;
}

/** How an error is reported: its exit code, its line, and a hint on what to do next. */
export interface ErrorReport {
  code: number;
  /** One line: `error: <code>: <message>` or `usage: <message>`. */
  line: string;
  /** What to run or check next, when the CLI knows. */
  hint?: string;
}

/**
 * The exit code, line and hint an error is reported with, each {@linkcode printable}: a server's
 * `error` and `error_description` (and anything else it put in a message) are its text. Codes
 * the CLI has words for (cli/hints.ts) get them; `context` fills them in.
 */
export function describeError(error: unknown, context: AdviceContext = {}): ErrorReport {
  const { code, line, hint } = classifyError(error, context);
  return { code, line: printable(line), ...(hint === undefined ? {} : { hint: printable(hint) }) };
}

function classifyError(error: unknown, context: AdviceContext): ErrorReport {
  if (error instanceof OAuthResponseError) {
    const description = error.errorDescription ? `: ${error.errorDescription}` : "";
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    const { hint } = adviceFor(error.error, context);
    return { code: EXIT.refused, line: `error: ${error.error}${status}${description}`, hint };
  }
  if (error instanceof OAuthError) {
    const { message = error.message, hint } = adviceFor(error.code, context);
    return { code: EXIT.failed, line: `error: ${error.code}: ${message}`, hint };
  }
  if (
    error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return { code: EXIT.interrupted, line: `error: ${error.name}: ${error.message}` };
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    const hint = error instanceof UsageError ? error.hint : undefined;
    return { code: EXIT.usage, line: `usage: ${error.message}`, hint };
  }
  return {
    code: EXIT.failed,
    line: `error: ${error instanceof Error ? error.message : String(error)}`,
  };
}
