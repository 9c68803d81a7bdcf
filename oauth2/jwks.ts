/**
 * The authorization server's signing keys (a JWK Set, RFC 7517 §5, at `jwks_uri`): fetched on
 * first use, kept, and fetched again when a token names a key the set does not have (the
 * server rotated its keys), at most once a minute.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import type { FetchLike } from "../_send.ts";
import { assertSecureTransport } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { readJsonObject } from "./json_response.ts";
import { type DecodedJws, importVerifyKey, keyFits } from "./jws_verify.ts";

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
