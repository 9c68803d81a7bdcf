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
  // A member that must be a string when `required` or present; only `scope` may be empty.
  const expectString = (member: string, required?: boolean) => {
    const value = body[member];
    if (
      (required || value !== undefined) &&
      (typeof value !== "string" || (value === "" && member !== "scope"))
    ) {
      throw invalid(
        `expected ${member} to be a${member === "scope" ? "" : " non-empty"} string, got ${
          typeOf(value)
        }`,
      );
    }
  };
  // RFC 6749 Appendix A.12 and A.17.
  const expectVisible = (member: string, section: number) => {
    const value = body[member];
    if (typeof value === "string" && value !== "" && !VSCHARS.test(value)) {
      throw invalid(`expected ${member} to be visible ASCII (RFC 6749 Appendix A.${section})`);
    }
  };
  expectString("access_token", true);
  expectVisible("access_token", 12);
  expectVisible("refresh_token", 17);
  expectString("token_type", true);
  if (!acceptedTypes.includes((body.token_type as string).toLowerCase())) {
    throw new OAuthError(
      "unsupported_token_type",
      `expected a token_type of ${acceptedTypes.join(" or ")}, got another type`,
      { status },
    );
  }
  for (const member of ["refresh_token", "scope", "id_token"]) expectString(member);
  const token: Token = { ...body } as Token;
  // A server's own expires_at is kept only when it is a number of seconds; expires_in wins.
  if (token.expires_at !== undefined && !Number.isFinite(token.expires_at)) delete token.expires_at;
  if (body.expires_in !== undefined) {
    // A number, or a string of digits as some servers send it; whole seconds are kept.
    const lifetime = typeof body.expires_in === "string" && NUMERIC.test(body.expires_in)
      ? Number(body.expires_in)
      : body.expires_in;
    if (typeof lifetime !== "number" || !(lifetime >= 0 && lifetime < Infinity)) {
      throw invalid("expected expires_in to be a non-negative number of seconds");
    }
    token.expires_in = Math.floor(lifetime);
    token.expires_at = Math.floor(now / 1000) + token.expires_in;
  }
  return token;
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
