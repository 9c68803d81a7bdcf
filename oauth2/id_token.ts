/**
 * Accepting an ID token (OpenID Connect Core 1.0 §3.1.3.7, §3.1.3.8 and §12.2): the issuer's
 * JWK Set fetched and cached, the signature checked against it, then issuer, audience,
 * authorized party, expiry, issue time, not-before time and nonce, and the `at_hash`/`c_hash`
 * bindings to the access token and code.
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";
import { OAuthError, type OAuthErrorCode } from "../errors.ts";
import {
  type DecodedJws,
  decodeJws,
  importVerifyKey,
  jwsAlgorithm,
  keyFits,
  verifySignature,
} from "./_jose.ts";
import { withDeadline } from "../_deadline.ts";
import type { FetchLike } from "../_send.ts";
import { assertSecureTransport, quoteReceived } from "../_transport.ts";
import { readJsonObject } from "./_endpoint.ts";
import { discoverMetadata } from "./discovery.ts";
import { issuerOfTenant } from "./_tenant_issuers.ts";
import { templateInForce } from "./issuer_template.ts";
import type { ResolvedOptions } from "./options.ts";
import type { IdTokenClaims, Token } from "./types.ts";

export type { IdTokenClaims } from "./types.ts";

/** What the client expects of an ID token. */
export interface IdTokenExpectations {
  /**
   * The issuer, when the client knows one: `iss` must be it exactly, unless it is an alias's
   * (`common`, a domain) by `issuerTemplate`, which then checks instead.
   */
  issuer?: string;
  /**
   * A multi-tenant issuer: `iss` must be it for the token's own `tid`, when there is no
   * `issuer` or that is an alias's; one tenant's `issuer` beside it wins.
   */
  issuerTemplate?: string;
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

const fail = (code: OAuthErrorCode, message: string) =>
  new OAuthError(code, `the ID token ${message}`);

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
  checkIssuerClaim(claims, expected);
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
 * §3.1.3.7 step 2: `iss` is the issuer, exactly. A multi-tenant issuer's token, when no one
 * tenant's issuer is given, is checked against the issuer of the tenant it names (`tid`, a
 * GUID), which it must name.
 */
function checkIssuerClaim(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  const template = templateInForce(expected.issuer, expected.issuerTemplate);
  const issuer = template === undefined ? expected.issuer : issuerOfTenant(template, claims.tid);
  if (issuer === undefined) {
    throw new OAuthError(
      "issuer_mismatch",
      `the ID token names no tenant (tid is ${
        quoteReceived(claims.tid)
      }), so its iss cannot be checked against ${template}`,
    );
  }
  if (claims.iss !== issuer) {
    throw new OAuthError(
      "issuer_mismatch",
      `the ID token's iss is ${quoteReceived(claims.iss)}, expected ${JSON.stringify(issuer)} ${
        template === undefined ? "exactly" : "for its tid"
      } (OpenID Connect Core 1.0 §3.1.3.7)`,
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

type Jwk = JsonWebKey & { kid?: string; use?: string };

const REFETCH_AFTER_MS = 60_000;

/** The keys of one `jwks_uri`, for one client. */
export class JwksCache {
  #keys: Jwk[] | undefined;
  #fetchedAt = -Infinity;
  #pending: Promise<Jwk[]> | undefined;
  readonly #imported = new Map<Jwk, Map<string, Promise<CryptoKey>>>();

  constructor(
    readonly uri: string,
    readonly send: FetchLike,
    readonly now: () => number,
    readonly timeout: number,
    allowInsecure = false,
  ) {
    assertSecureTransport(new URL(uri), "jwks_uri", allowInsecure);
  }

  /**
   * The keys that may have signed `jws`: the one its `kid` names, or every key that fits its
   * algorithm. An unknown `kid` fetches the set again once; still none is `invalid_signature`.
   */
  async candidates(jws: DecodedJws): Promise<CryptoKey[]> {
    let found = this.#matching(await this.#current(), jws);
    if (found.length === 0 && this.now() - this.#fetchedAt >= REFETCH_AFTER_MS) {
      found = this.#matching(await this.#refetch(), jws);
    }
    if (found.length === 0) {
      throw new OAuthError(
        "invalid_signature",
        `no key of the issuer's JWK Set fits the ID token (alg ${jws.header.alg}${
          jws.header.kid === undefined ? "" : `, a kid it does not list`
        })`,
      );
    }
    return await Promise.all(found.map((jwk) => this.#import(jwk, jws.header.alg)));
  }

  #matching(keys: Jwk[], jws: DecodedJws): Jwk[] {
    const { alg, kid } = jws.header;
    return keys.filter((jwk) => (kid === undefined || jwk.kid === kid) && keyFits(jwk, alg));
  }

  #current(): Promise<Jwk[]> {
    return this.#keys ? Promise.resolve(this.#keys) : this.#refetch();
  }

  #refetch(): Promise<Jwk[]> {
    this.#pending ??= this.#fetch().finally(() => this.#pending = undefined);
    return this.#pending;
  }

  async #fetch(): Promise<Jwk[]> {
    const body = await withDeadline(this.timeout, undefined, async (signal) => {
      const request = new Request(this.uri, {
        headers: { accept: "application/jwk-set+json, application/json" },
        redirect: "manual",
        signal,
      });
      return await readJsonObject(await this.send(request), request, "the jwks_uri", [], [
        "application/json",
        "application/jwk-set+json",
      ]);
    });
    if (!Array.isArray(body.keys) || !body.keys.every((key) => typeof key === "object" && key)) {
      throw new OAuthError("invalid_response", "expected a JWK Set with a keys array");
    }
    this.#keys = body.keys as Jwk[];
    this.#fetchedAt = this.now();
    this.#imported.clear();
    return this.#keys;
  }

  #import(jwk: Jwk, alg: string): Promise<CryptoKey> {
    let byAlg = this.#imported.get(jwk);
    if (!byAlg) this.#imported.set(jwk, byAlg = new Map());
    let key = byAlg.get(alg);
    if (!key) {
      key = importVerifyKey(jwk, alg).catch(() => {
        throw new OAuthError(
          "invalid_response",
          "a key of the issuer's JWK Set cannot be imported",
        );
      });
      byAlg.set(alg, key);
    }
    return key;
  }
}

/** Where a client keeps what ID token validation needs and learns. */
export interface IdTokenHolder {
  readonly options: ResolvedOptions;
  readonly send: FetchLike;
  /** The issuer's keys, once an ID token needed them. */
  jwks?: JwksCache;
  /** The claims of the last ID token validated. */
  idTokenClaims?: IdTokenClaims;
}

/**
 * Validates the ID token of a token response and keeps its claims (OpenID Connect Core
 * §3.1.3.7; §12.2 after a refresh). A response without one is refused when a nonce was sent,
 * as the authorization request was then for OpenID Connect.
 */
export async function acceptIdToken(
  holder: IdTokenHolder,
  token: Token,
  context: Pick<IdTokenExpectations, "nonce" | "code" | "original">,
): Promise<void> {
  if (token.id_token === undefined) {
    if (context.nonce === undefined) return;
    throw new OAuthError(
      "invalid_response",
      "the token response has no id_token, though the authorization request had a nonce",
    );
  }
  const { options } = holder;
  if (options.issuer === undefined && options.issuerTemplate === undefined) {
    throw new TypeError("an ID token came back: checking it needs the issuer option (or discover)");
  }
  holder.jwks ??= new JwksCache(
    await jwksUri(options),
    holder.send,
    options.now,
    options.timeout,
    options.allowInsecureRequests,
  );
  holder.idTokenClaims = await validateIdToken(token.id_token, holder.jwks, {
    ...context,
    issuer: options.issuer,
    issuerTemplate: options.issuerTemplate,
    clientId: options.clientId,
    accessToken: token.access_token,
    now: options.now(),
    clockTolerance: options.clockTolerance,
  });
}

/** The configured or discovered `jwks_uri`; discovery runs only when neither is known. */
async function jwksUri(options: ResolvedOptions): Promise<string> {
  const { issuer, issuerTemplate } = options;
  const uri = options.endpoints.jwksUri ?? (issuer === undefined ? undefined : (
    await discoverMetadata(issuer, {
      fetch: options.fetch,
      timeout: options.timeout,
      allowInsecureRequests: options.allowInsecureRequests,
      issuerTemplate,
    })
  ).jwks_uri);
  if (uri === undefined) throw new TypeError("checking an ID token needs the jwksUri option");
  return uri;
}
