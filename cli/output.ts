/**
 * What the CLI prints: lines for people, one JSON document with `--json`, and errors as one
 * line each with an exit code that says what kind of failure it was.
 *
 * @module
 */
import process from "node:process";
import { OAuthError, OAuthResponseError } from "../mod.ts";

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

/** Writes a result: `human` lines, or `json` as one document with `--json`. */
export function print(json: boolean, human: string[], data: unknown): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human.join("\n")}\n`);
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

/** The exit code and the one line an error is reported with. */
export function describeError(error: unknown): { code: number; line: string } {
  if (error instanceof OAuthResponseError) {
    const description = error.errorDescription ? `: ${error.errorDescription}` : "";
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    return { code: EXIT.refused, line: `error: ${error.error}${status}${description}` };
  }
  if (error instanceof OAuthError) {
    return { code: EXIT.failed, line: `error: ${error.code}: ${error.message}` };
  }
  if (
    error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return { code: EXIT.interrupted, line: `error: ${error.name}: ${error.message}` };
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    return { code: EXIT.usage, line: `usage: ${error.message}` };
  }
  return {
    code: EXIT.failed,
    line: `error: ${error instanceof Error ? error.message : String(error)}`,
  };
}
