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
import { SecretFree } from "../_inspect.ts";
import { randomBase64url } from "../_random.ts";
import type { Token } from "../oauth2/types.ts";
import { busyRetry } from "./_kv_busy.ts";
import { bounded, holdLease, waitForLease } from "./_lease.ts";
import { kvKeySummary, positiveMs } from "./_stored.ts";
import { storeOperation, type TokenLease, type TokenStore } from "../oauth2/token_store.ts";

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
export class DenoKvTokenStore extends SecretFree implements TokenStore {
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
    super();
    if (typeof kv?.atomic !== "function") throw new TypeError("kv must be a Deno.Kv");
    if (!Array.isArray(key) || key.length === 0) {
      throw new TypeError("key must be a non-empty Deno.KvKey");
    }
    this.#kv = kv;
    this.#key = key;
    this.#leaseKey = [...key, "lease"];
    this.#leaseMs = positiveMs(options.leaseMs ?? 10_000, "leaseMs");
    this.#waitMs = positiveMs(options.waitMs ?? 30_000, "waitMs");
    this.#now = options.now ?? Date.now;
  }

  /** The token, or `undefined`. */
  async get(): Promise<Token | undefined> {
    return (await this.#op(() => this.#kv.get<Token>(this.#key), "read the token")).value ??
      undefined;
  }

  /** Keeps `token`. */
  async set(token: Token): Promise<void> {
    await this.#op(() => this.#kv.set(this.#key, token), "write the token");
  }

  /** Forgets the token. */
  async delete(): Promise<void> {
    await this.#op(() => this.#kv.delete(this.#key), "delete the token");
  }

  /**
   * Runs `fn` holding the lease, renewed every third of its length until `fn` ends. `fn` gets
   * the {@linkcode TokenLease}: once renewals have failed until the lease ran out, or another
   * instance holds it, the holder's signal is aborted and its token writes are refused.
   */
  async withLock<T>(fn: (lease?: TokenLease) => Promise<T>): Promise<T> {
    const owner = randomBase64url(16);
    const askedAt = await this.#acquire(owner);
    return await holdLease(
      {
        leaseMs: this.#leaseMs,
        now: this.#now,
        renew: () =>
          this.#ifHolder(owner, (atomic) => atomic.set(this.#leaseKey, this.#lease(owner))),
        release: () =>
          this.#ifHolder(owner, (atomic) => atomic.delete(this.#leaseKey)).then(() => {}),
        fencedSet: (token) => this.#ifHolder(owner, (atomic) => atomic.set(this.#key, token)),
      },
      askedAt,
      fn,
    );
  }

  /** Takes the lease; resolves with the time it was asked for, from which it lasts. */
  #acquire(owner: string): Promise<number> {
    return waitForLease(
      async () => {
        const entry = await this.#op(() => this.#kv.get<Lease>(this.#leaseKey), "read the lease");
        const now = this.#now();
        if (entry.value !== null && entry.value.until > now) {
          return { freeInMs: entry.value.until - now };
        }
        const taken = await this.#op(
          () =>
            this.#kv.atomic()
              .check({ key: this.#leaseKey, versionstamp: entry.versionstamp })
              .set(this.#leaseKey, { owner, until: now + this.#leaseMs })
              .commit(),
          "take the lease",
        );
        return taken.ok ? { askedAt: now } : { freeInMs: 0 };
      },
      this.#waitMs,
      this.#now,
    );
  }

  #lease(owner: string): Lease {
    return { owner, until: this.#now() + this.#leaseMs };
  }

  /**
   * Commits `write` together with a check that the lease is `owner`'s and has not run out:
   * `true` when committed, `false` when the lease is not `owner`'s. A commit that loses a race
   * with another write of the lease reads it again.
   */
  async #ifHolder(
    owner: string,
    write: (atomic: ReturnType<KvLike["atomic"]>) => ReturnType<KvLike["atomic"]>,
  ): Promise<boolean> {
    for (;;) {
      const entry = await this.#op(() => this.#kv.get<Lease>(this.#leaseKey), "read the lease");
      if (entry.value?.owner !== owner || entry.value.until <= this.#now()) return false;
      const atomic = this.#kv.atomic().check({
        key: this.#leaseKey,
        versionstamp: entry.versionstamp,
      });
      const committed = await this.#op(() => write(atomic).commit(), "write under the lease");
      if (committed.ok) return true;
    }
  }

  /** Where the token lives and the lease's timings, never the token: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { key: kvKeySummary(this.#key), leaseMs: this.#leaseMs, waitMs: this.#waitMs };
  }

  /** A KV operation, tried again while the database is busy, and bounded in time. */
  #op<T>(operation: () => Promise<T>, what: string): Promise<T> {
    return storeOperation(bounded(busyRetry(operation), this.#leaseMs, what), what);
  }
}
