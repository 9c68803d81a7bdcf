/**
 * What the shared stores check the same way: their options' durations, and a token read back
 * as JSON text; and how their summaries show a Deno KV key. Internal to `stores/` (and the
 * login stores of `web/`).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";

/** `value`, a duration option; a `RangeError` unless it is a positive number. */
export function positiveMs(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}

/** Whether `value` has the shape of a token: an object with string `access_token`, `token_type`. */
export function isToken(value: unknown): value is Token {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { access_token, token_type } = value as Record<string, unknown>;
  return typeof access_token === "string" && typeof token_type === "string";
}

/**
 * The token in `json`, read from `where` (e.g. "the token file …"); `store_failed` when it is
 * not one. Nothing of the text goes into the error, nor JSON.parse's error, which quotes it:
 * it may be a token.
 */
export function parseStoredToken(json: string, where: string): Token {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new OAuthError("store_failed", `${where} does not hold JSON`);
  }
  if (!isToken(value)) {
    throw new OAuthError(
      "store_failed",
      `${where} does not hold a token: expected a JSON object with string access_token and token_type`,
    );
  }
  return value;
}

/**
 * A Deno KV key as a summary can show it: `JSON.stringify` throws on a bigint part (shown as
 * `12n`), and a byte part is shown by its length only, as bytes are no text to read.
 */
export function kvKeySummary(key: readonly unknown[]): unknown[] {
  return key.map((part) =>
    typeof part === "bigint"
      ? `${part}n`
      : part instanceof Uint8Array
      ? `Uint8Array(${part.length})`
      : part
  );
}
