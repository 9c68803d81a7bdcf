/**
 * A token store on Deno KV, for apps that run as many instances (Deno Deploy, several
 * processes sharing a KV database): the token at one key, and a lease beside it that an
 * instance takes by compare-and-set before refreshing. A holder that dies leaves a lease that
 * runs out, and another instance takes over.
 *
 * @example
 * ```ts ignore
 * import { OAuth2Client } from "jsr:@x/oauth";
 * import { DenoKvTokenStore } from "jsr:@x/oauth/deno-kv";
 *
 * const kv = await Deno.openKv();
 * const store = new DenoKvTokenStore(kv, ["oauth", "tokens", userId]);
 * const client = new OAuth2Client({ clientId, tokenEndpoint, store });
 * ```
 *
 * @module
 */
import { randomBase64url } from "../_random.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";
import type { TokenStore } from "./token_store.ts";

/** A Deno KV key. */
export type KvKey = readonly (string | number | bigint | boolean | Uint8Array)[];

/** The part of `Deno.Kv` the store uses; a `Deno.Kv` is one. */
export interface KvLike {
  /** Reads an entry. */
  get<T>(key: KvKey): Promise<{ value: T | null; versionstamp: string | null }>;
  /** Writes an entry. */
  set(key: KvKey, value: unknown): Promise<unknown>;
  /** Deletes an entry. */
  delete(key: KvKey): Promise<void>;
  /** Starts an atomic operation: checks of versionstamps, then writes, all or none. */
  atomic(): {
    check(...checks: { key: KvKey; versionstamp: string | null }[]): ReturnType<KvLike["atomic"]>;
    set(key: KvKey, value: unknown): ReturnType<KvLike["atomic"]>;
    delete(key: KvKey): ReturnType<KvLike["atomic"]>;
    commit(): Promise<{ ok: boolean }>;
  };
}

/** Options of {@linkcode DenoKvTokenStore}. */
export interface DenoKvTokenStoreOptions {
  /** How long a lease lasts without renewal, in milliseconds; default 10 000. */
  leaseMs?: number;
  /** How long `withLock` waits for a lease before `lock_timeout`; default 30 000. */
  waitMs?: number;
  /** The clock in milliseconds, shared by the instances; default `Date.now`. */
  now?: () => number;
}

interface Lease {
  owner: string;
  until: number;
}

/**
 * A {@linkcode TokenStore} on Deno KV. `withLock` takes a lease at `[...key, "lease"]` by an
 * atomic compare-and-set, renews it while the work runs, and releases it after; others poll
 * until it is free or has run out.
 */
export class DenoKvTokenStore implements TokenStore {
  readonly #kv: KvLike;
  readonly #key: KvKey;
  readonly #leaseKey: KvKey;
  readonly #leaseMs: number;
  readonly #waitMs: number;
  readonly #now: () => number;

  /**
   * Creates the store.
   *
   * @param kv the database, `await Deno.openKv()`
   * @param key where this token lives, e.g. `["oauth", "tokens", userId]`
   * @param options the lease's length and the clock
   */
  constructor(kv: KvLike, key: KvKey, options: DenoKvTokenStoreOptions = {}) {
    if (typeof kv?.atomic !== "function") throw new TypeError("kv must be a Deno.Kv");
    if (!Array.isArray(key) || key.length === 0) {
      throw new TypeError("key must be a non-empty Deno.KvKey");
    }
    this.#kv = kv;
    this.#key = key;
    this.#leaseKey = [...key, "lease"];
    this.#leaseMs = positive(options.leaseMs ?? 10_000, "leaseMs");
    this.#waitMs = positive(options.waitMs ?? 30_000, "waitMs");
    this.#now = options.now ?? Date.now;
  }

  /** The token, or `undefined`. */
  async get(): Promise<Token | undefined> {
    return (await busyRetry(() => this.#kv.get<Token>(this.#key))).value ?? undefined;
  }

  /** Keeps `token`. */
  async set(token: Token): Promise<void> {
    await busyRetry(() => this.#kv.set(this.#key, token));
  }

  /** Forgets the token. */
  async delete(): Promise<void> {
    await busyRetry(() => this.#kv.delete(this.#key));
  }

  /** Runs `fn` holding the lease, renewed every third of its length until `fn` ends. */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const owner = randomBase64url(16);
    await this.#acquire(owner);
    const renewal = setInterval(() => {
      this.#write(owner, { owner, until: this.#now() + this.#leaseMs }).catch(() => {});
    }, this.#leaseMs / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await this.#write(owner, undefined);
    }
  }

  async #acquire(owner: string): Promise<void> {
    const deadline = this.#now() + this.#waitMs;
    for (;;) {
      const entry = await busyRetry(() => this.#kv.get<Lease>(this.#leaseKey));
      const now = this.#now();
      if (entry.value === null || entry.value.until <= now) {
        const taken = await busyRetry(() =>
          this.#kv.atomic()
            .check({ key: this.#leaseKey, versionstamp: entry.versionstamp })
            .set(this.#leaseKey, { owner, until: now + this.#leaseMs })
            .commit()
        );
        if (taken.ok) return;
        continue;
      }
      if (now >= deadline) {
        throw new OAuthError(
          "lock_timeout",
          `another instance has held the token's lease for over ${this.#waitMs} ms`,
        );
      }
      // Bounded polling, with jitter so that waiting instances do not move in step.
      const wait = Math.min(entry.value.until - now, 25 + Math.random() * 25);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Renews (`lease`) or releases (`undefined`) the lease, if it is still `owner`'s. */
  async #write(owner: string, lease: Lease | undefined): Promise<void> {
    const entry = await this.#kv.get<Lease>(this.#leaseKey);
    if (entry.value?.owner !== owner) return;
    const atomic = this.#kv.atomic().check({
      key: this.#leaseKey,
      versionstamp: entry.versionstamp,
    });
    await (lease ? atomic.set(this.#leaseKey, lease) : atomic.delete(this.#leaseKey)).commit();
  }
}

/**
 * Runs a KV operation again when a local SQLite-backed database is busy with another process
 * ("database is locked"), a few times with a short random pause; anything else is thrown.
 */
async function busyRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const busy = error instanceof Error && /database is locked/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}
