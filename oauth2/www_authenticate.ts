/**
 * Reading the `WWW-Authenticate` challenges of a resource server (RFC 9110 §11.6.1, RFC 6750 §3,
 * RFC 9449 §7.1) in one linear pass: a hostile header costs time in proportion to its length,
 * never more.
 *
 * @module
 */

/** One challenge of a `WWW-Authenticate` header. */
export interface Challenge {
  /** The auth-scheme as sent, e.g. `Bearer`, `DPoP`, `Basic`. */
  scheme: string;
  /** The auth-params, names lower-cased, values unquoted. */
  parameters: Record<string, string>;
  /** A token68 instead of parameters, when the challenge has one. */
  token68?: string;
  /** `error`, e.g. `invalid_token` or `insufficient_scope` (RFC 6750 §3.1). */
  error?: string;
  /** `error_description`. */
  errorDescription?: string;
  /** `error_uri`. */
  errorUri?: string;
  /** `scope` the resource needs. */
  scope?: string;
  /** `realm`. */
  realm?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

class Cursor {
  index = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.index >= this.text.length;
  }
  peek(): string {
    return this.text[this.index];
  }
  skipWhitespace(): void {
    while (!this.done && (this.peek() === " " || this.peek() === "\t")) this.index++;
  }
  token(): string {
    const start = this.index;
    while (!this.done && TCHAR.test(this.peek())) this.index++;
    return this.text.slice(start, this.index);
  }
  /** RFC 9110 §5.6.4; an unterminated string ends the header. */
  quoted(): string {
    this.index++;
    let value = "";
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === "\\") this.index++;
      if (!this.done) value += this.text[this.index++];
    }
    this.index++;
    return value;
  }
  /** Skips to the next comma (not past it): the way out of anything unparseable. */
  skipToComma(): void {
    while (!this.done && this.peek() !== ",") this.index++;
  }
}

function readParameters(cursor: Cursor, challenge: Challenge): void {
  for (;;) {
    cursor.skipWhitespace();
    const start = cursor.index;
    const name = cursor.token();
    cursor.skipWhitespace();
    if (name === "" || cursor.peek() !== "=") {
      // Not a parameter: the next challenge's scheme, or garbage.
      cursor.index = start;
      return;
    }
    cursor.index++;
    cursor.skipWhitespace();
    const value = cursor.peek() === '"' ? cursor.quoted() : cursor.token();
    challenge.parameters[name.toLowerCase()] ??= value;
    cursor.skipWhitespace();
    if (cursor.peek() !== ",") {
      cursor.skipToComma();
      if (cursor.done) return;
    }
    cursor.index++;
  }
}

function readToken68(cursor: Cursor): string | undefined {
  const start = cursor.index;
  while (!cursor.done && TOKEN68_CHAR.test(cursor.peek())) cursor.index++;
  while (!cursor.done && cursor.peek() === "=") cursor.index++;
  const end = cursor.index;
  cursor.skipWhitespace();
  if (end > start && (cursor.done || cursor.peek() === ",")) return cursor.text.slice(start, end);
  cursor.index = start;
  return undefined;
}

/**
 * The challenges of a `WWW-Authenticate` header, in order, with the RFC 6750 members lifted out.
 * What cannot be parsed is skipped up to the next comma.
 *
 * @example
 * ```ts
 * import { parseWwwAuthenticate } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const [bearer, dpop] = parseWwwAuthenticate(
 *   'Bearer realm="api", error="invalid_token", error_description="The access token expired", DPoP algs="ES256 PS256"',
 * );
 * assert.equal(bearer.error, "invalid_token");
 * assert.equal(bearer.errorDescription, "The access token expired");
 * assert.equal(dpop.scheme, "DPoP");
 * assert.equal(dpop.parameters.algs, "ES256 PS256");
 * ```
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const cursor = new Cursor(header);
  const challenges: Challenge[] = [];
  while (!cursor.done) {
    cursor.skipWhitespace();
    if (cursor.peek() === ",") {
      cursor.index++;
      continue;
    }
    const scheme = cursor.token();
    if (
      scheme === "" ||
      (!cursor.done && cursor.peek() !== " " && cursor.peek() !== "\t" && cursor.peek() !== ",")
    ) {
      cursor.skipToComma();
      continue;
    }
    const challenge: Challenge = { scheme, parameters: {} };
    cursor.skipWhitespace();
    const token68 = readToken68(cursor);
    if (token68 !== undefined) challenge.token68 = token68;
    else readParameters(cursor, challenge);
    liftBearerMembers(challenge);
    challenges.push(challenge);
  }
  return challenges;
}

// RFC 6750 §3's members, under their camelCase names, when present.
const LIFTED = [
  ["error", "error"],
  ["error_description", "errorDescription"],
  ["error_uri", "errorUri"],
  ["scope", "scope"],
  ["realm", "realm"],
] as const;

function liftBearerMembers(challenge: Challenge): void {
  for (const [parameter, member] of LIFTED) {
    const value = challenge.parameters[parameter];
    if (value !== undefined) challenge[member] = value;
  }
}
