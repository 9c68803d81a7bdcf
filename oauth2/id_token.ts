/**
 * ID token validation (OpenID Connect Core 1.0 §3.1.3.7, §3.1.3.8 and §12.2): the signature
 * against the issuer's keys, then issuer, audience, authorized party, expiry, issue time,
 * not-before time and nonce, and the `at_hash`/`c_hash` bindings to the access token and code.
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";
import { OAuthError } from "../errors.ts";
import { decodeJws, jwsAlgorithm, verifySignature } from "./jws_verify.ts";
import type { JwksCache } from "./jwks.ts";

/** The claims of a validated ID token. */
export interface IdTokenClaims {
  /** The issuer: equal to the client's. */
  iss: string;
  /** The end user at the issuer. */
  sub: string;
  /** The audience: the client's id, or a list holding it. */
  aud: string | string[];
  /** Expiry, in seconds since the epoch. */
  exp: number;
  /** Issue time, in seconds since the epoch. */
  iat: number;
  /** The time before which the token must not be accepted, in seconds since the epoch. */
  nbf?: number;
  /** The nonce of the authorization request, when one was sent. */
  nonce?: string;
  /** Every other claim, as the issuer signed it. */
  [claim: string]: unknown;
}

/** What the client expects of an ID token. */
export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  /** The nonce sent with the authorization request; a token with a nonce needs it. */
  nonce?: string;
  /** The access token and code it came with, for `at_hash` and `c_hash`. */
  accessToken?: string;
  code?: string;
  /**
   * After a refresh (§12.2): the claims of the first ID token when the client still has them,
   * whose `sub` and `nonce` must not change; `{}` when it does not.
   */
  original?: { sub?: string; nonce?: unknown };
  /** Now, in milliseconds, and the tolerance for clock differences, in seconds. */
  now: number;
  clockTolerance: number;
}

const fail = (code: string, message: string) => new OAuthError(code, `the ID token ${message}`);

/**
 * The validated claims of an ID token, or the `OAuthError` of the first check it fails:
 * `invalid_signature`, `issuer_mismatch`, `audience_mismatch`, `token_expired`,
 * `nonce_mismatch` or `invalid_id_token`.
 */
export async function validateIdToken(
  idToken: string,
  keys: JwksCache,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  const jws = decodeJws(idToken);
  const algorithm = jwsAlgorithm(jws.header.alg);
  let verified = false;
  for (const key of await keys.candidates(jws)) {
    if (await verifySignature(jws, key)) {
      verified = true;
      break;
    }
  }
  if (!verified) {
    throw fail("invalid_signature", "signature does not verify with the issuer's keys");
  }
  const claims = jws.payload;
  checkClaims(claims, expected);
  const bindings = [["at_hash", expected.accessToken], ["c_hash", expected.code]] as const;
  for (const [claim, value] of bindings) {
    if (claims[claim] === undefined || value === undefined) continue;
    if (claims[claim] !== await halfHash(value, algorithm.hash)) {
      throw fail(
        "invalid_id_token",
        `${claim} does not match the ${claim === "at_hash" ? "access token" : "code"} (§3.1.3.8)`,
      );
    }
  }
  return claims as IdTokenClaims;
}

/** §3.1.3.7 steps 2–5 and 9–11. */
function checkClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  if (claims.iss !== expected.issuer) {
    throw fail("issuer_mismatch", `comes from another issuer than ${expected.issuer}`);
  }
  if (typeof claims.sub !== "string" || claims.sub === "") {
    throw fail("invalid_id_token", "has no sub");
  }
  const original = expected.original;
  if (original?.sub !== undefined && claims.sub !== original.sub) {
    throw fail("invalid_id_token", "of the refresh names another subject (§12.2)");
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(expected.clientId)) {
    throw fail(
      "audience_mismatch",
      `is not for this client (aud does not hold ${expected.clientId})`,
    );
  }
  if (audience.length > 1 && claims.azp === undefined) {
    throw fail("audience_mismatch", "has several audiences and no azp");
  }
  if (claims.azp !== undefined && claims.azp !== expected.clientId) {
    throw fail("audience_mismatch", "was authorized for another party (azp)");
  }
  for (const claim of ["exp", "iat"]) {
    if (typeof claims[claim] !== "number" || !Number.isFinite(claims[claim])) {
      throw fail("invalid_id_token", `has no numeric ${claim}`);
    }
  }
  const now = expected.now / 1000;
  if ((claims.exp as number) + expected.clockTolerance <= now) {
    throw fail("token_expired", "has expired");
  }
  if ((claims.iat as number) - expected.clockTolerance > now) {
    throw fail("invalid_id_token", "was issued in the future");
  }
  checkNotBefore(claims.nbf, now, expected.clockTolerance);
  if (original !== undefined) {
    // §12.2: a refreshed ID token keeps the first one's nonce, if it has one at all.
    if (
      claims.nonce !== undefined && original.sub !== undefined && claims.nonce !== original.nonce
    ) {
      throw fail("nonce_mismatch", "of the refresh carries another nonce than the first one");
    }
    return;
  }
  if (claims.nonce !== expected.nonce) {
    throw fail(
      "nonce_mismatch",
      expected.nonce === undefined
        ? "carries a nonce: pass the nonce authorizationUrl() returned to fetchToken"
        : "carries another nonce than the authorization request sent",
    );
  }
}

/**
 * RFC 7519 §4.1.5: a JWT must not be accepted before its `nbf`, allowing the same clock
 * tolerance as `exp` and `iat`. Absent is fine; present, it must be a number.
 */
function checkNotBefore(nbf: unknown, now: number, clockTolerance: number): void {
  if (nbf === undefined) return;
  if (typeof nbf !== "number" || !Number.isFinite(nbf)) {
    throw fail("invalid_id_token", "has a non-numeric nbf");
  }
  if (nbf - clockTolerance > now) throw fail("invalid_id_token", "is not valid yet (nbf)");
}

/** §3.1.3.6: base64url of the left half of the hash of the ASCII value. */
async function halfHash(value: string, hash: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(hash, new TextEncoder().encode(value)));
  return encodeBase64urlNoPadding(digest.subarray(0, digest.length / 2));
}
