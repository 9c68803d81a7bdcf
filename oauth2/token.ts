/**
 * Tokens: validating a token response (RFC 6749 §5.1) and deciding when a token has expired.
 *
 * @module
 */
import { typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "./types.ts";

const NUMERIC = /^\d{1,15}$/;
// RFC 6749 Appendix A.12 and A.17: access and refresh tokens are 1*VSCHAR (%x20-7E), which
// is also what an HTTP header or a URL can carry.
const VSCHARS = /^[\x20-\x7e]+$/;

/**
 * Validates a token response and returns the `Token`: `access_token` a non-empty string,
 * `token_type` a string of an accepted type (compared case-insensitively), `expires_in` a
 * finite non-negative number or numeric string (stored as a number, with `expires_at` computed
 * from `now`), and `refresh_token`, `scope`, `id_token` strings when present. Messages name
 * members and types, never values.
 */
export function validateTokenResponse(
  body: Record<string, unknown>,
  now: number,
  status?: number,
  acceptedTypes: readonly string[] = ["bearer"],
): Token {
  const invalid = (message: string) => new OAuthError("invalid_response", message, { status });
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw invalid(
      `expected access_token to be a non-empty string, got ${typeOf(body.access_token)}`,
    );
  }
  if (!VSCHARS.test(body.access_token)) {
    throw invalid("expected access_token to be visible ASCII (RFC 6749 Appendix A.12)");
  }
  if (
    typeof body.refresh_token === "string" && body.refresh_token !== "" &&
    !VSCHARS.test(body.refresh_token)
  ) {
    throw invalid("expected refresh_token to be visible ASCII (RFC 6749 Appendix A.17)");
  }
  if (typeof body.token_type !== "string" || body.token_type === "") {
    throw invalid(`expected token_type to be a non-empty string, got ${typeOf(body.token_type)}`);
  }
  if (!acceptedTypes.includes(body.token_type.toLowerCase())) {
    throw new OAuthError(
      "unsupported_token_type",
      `expected a token_type of ${acceptedTypes.join(" or ")}, got another type`,
      { status },
    );
  }
  for (const member of ["refresh_token", "scope", "id_token"]) {
    const value = body[member];
    if (
      value !== undefined && (typeof value !== "string" || (member !== "scope" && value === ""))
    ) {
      throw invalid(
        `expected ${member} to be a${member === "scope" ? "" : " non-empty"} string, got ${
          typeOf(value)
        }`,
      );
    }
  }
  const token: Token = { ...body } as Token;
  // A server's own expires_at is kept only when it is a number of seconds; expires_in wins.
  if (token.expires_at !== undefined && !Number.isFinite(token.expires_at)) delete token.expires_at;
  const expiresIn = lifetime(body.expires_in);
  if (expiresIn === null) {
    throw invalid("expected expires_in to be a non-negative number of seconds");
  }
  if (expiresIn !== undefined) {
    token.expires_in = expiresIn;
    token.expires_at = Math.floor(now / 1000) + expiresIn;
  }
  return token;
}

/** `expires_in` as a number; `undefined` when absent, `null` when it is not a lifetime. */
function lifetime(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
  }
  if (typeof value === "string" && NUMERIC.test(value)) return Number(value);
  return null;
}

/**
 * Whether a token must be refreshed at `now` (milliseconds): it expires within the leeway. The
 * leeway is at most half the token's lifetime, so a short-lived token is used before it is
 * renewed. A token without `expires_at` never expires as far as the client knows.
 */
export function isExpired(token: Token, now: number, leewaySeconds: number): boolean {
  if (typeof token.expires_at !== "number") return false;
  const lifetime = typeof token.expires_in === "number" ? token.expires_in : Infinity;
  return token.expires_at - Math.min(leewaySeconds, lifetime / 2) <= now / 1000;
}

/**
 * Checks a token given by the caller (the `token` option, a stored token): the same rules as
 * a response, but a mistake is a `TypeError`, and `expires_at` is kept as stored.
 */
export function checkStoredToken(value: unknown, option: string): Token {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${option} must be a token object, got ${typeOf(value)}`);
  }
  const token = value as Record<string, unknown>;
  if (typeof token.access_token !== "string" || token.access_token === "") {
    throw new TypeError(`${option}.access_token must be a non-empty string`);
  }
  if (typeof token.token_type !== "string") {
    throw new TypeError(`${option}.token_type must be a string`);
  }
  if (token.expires_at !== undefined && !Number.isFinite(token.expires_at)) {
    throw new TypeError(`${option}.expires_at must be a number of Unix seconds`);
  }
  if (token.refresh_token !== undefined && typeof token.refresh_token !== "string") {
    throw new TypeError(`${option}.refresh_token must be a string`);
  }
  return { ...token } as Token;
}
