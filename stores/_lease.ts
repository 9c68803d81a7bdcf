/**
 * Holding a shared store's lease, the same way for every store: renewal while the work runs,
 * a local deadline that ends the holder's proof when renewals fail or hang, token writes
 * fenced by the lease and tried again while it lasts, and a release whose failure never fails
 * the work. Internal to `stores/`.
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";
import type { TokenLease } from "./token_store.ts";

/** What a store does with its lease; each call acts only while the lease is this holder's. */
export interface LeaseBackend {
  /** How long the lease lasts after it was asked for, in milliseconds. */
  readonly leaseMs: number;
  /** The clock the lease is measured by, in milliseconds. */
  readonly now: () => number;
  /** Extends the lease: `true`, or `false` when it is not this holder's any more. */
  renew(): Promise<boolean>;
  /** Ends the lease if it is still this holder's. */
  release(): Promise<void>;
  /** Writes `token` if, and in the same atomic step as, the lease is this holder's. */
  fencedSet(token: Token): Promise<boolean>;
}

/**
 * The share of the lease given up before it runs out: clocks of two machines drift, and the
 * last write must land while the lease is still held.
 */
const MARGIN = 0.2;

/**
 * Runs `fn` with the lease asked for at `askedAt` (by `backend.now`): the store's own expiry
 * is later than `askedAt + leaseMs`, so until then (less the margin) the holder knows it holds
 * the lease without asking. Each successful renewal moves that deadline.
 */
export async function holdLease<T>(
  backend: LeaseBackend,
  askedAt: number,
  fn: (lease: TokenLease) => Promise<T>,
): Promise<T> {
  const lease = new HeldLease(backend, askedAt);
  try {
    return await fn(lease);
  } finally {
    await lease.end();
  }
}

/**
 * `operation`, or `store_failed` when it has not settled within `ms`: a store that hangs must
 * not hang the client.
 */
export function bounded<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new OAuthError("store_failed", `the token store did not ${what} within ${ms} ms`)),
      Math.max(0, ms),
    );
  });
  return Promise.race([operation, late]).finally(() => clearTimeout(timer));
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class HeldLease implements TokenLease {
  readonly #backend: LeaseBackend;
  readonly #controller = new AbortController();
  /** Until when (by the backend's clock) the holder knows the lease is its own. */
  #until: number;
  #expiry?: ReturnType<typeof setTimeout>;
  #renewal?: ReturnType<typeof setTimeout>;
  #ended = false;

  constructor(backend: LeaseBackend, askedAt: number) {
    this.#backend = backend;
    this.#until = askedAt + backend.leaseMs * (1 - MARGIN);
    this.#arm();
    this.#scheduleRenewal();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  check(): void {
    if (this.#ended) throw new OAuthError("lease_lost", "the token's lease was already released");
    if (this.signal.aborted) throw this.signal.reason;
    if (this.#backend.now() >= this.#until) {
      this.#lose("its renewals did not succeed before it ran out");
      throw this.signal.reason;
    }
  }

  async set(token: Token): Promise<void> {
    let failure: unknown;
    for (;;) {
      if (failure !== undefined && this.#remaining() <= 0) {
        throw new OAuthError(
          "store_failed",
          "the new token could not be written to the store before the token's lease ran out",
          { cause: failure },
        );
      }
      this.check();
      try {
        if (await bounded(this.#backend.fencedSet(token), this.#remaining(), "write the token")) {
          return;
        }
      } catch (error) {
        failure = error;
        await pause(5 + Math.random() * 20);
        continue;
      }
      this.#lose("another instance holds it");
      throw this.signal.reason;
    }
  }

  /** Stops renewing and releases; a failed or hung release leaves the lease to run out. */
  async end(): Promise<void> {
    this.#ended = true;
    clearTimeout(this.#expiry);
    clearTimeout(this.#renewal);
    await bounded(this.#backend.release(), this.#backend.leaseMs, "release the lease")
      .catch(() => {});
  }

  #remaining(): number {
    return this.#until - this.#backend.now();
  }

  #lose(why: string): void {
    clearTimeout(this.#expiry);
    clearTimeout(this.#renewal);
    if (this.signal.aborted) return;
    this.#controller.abort(
      new OAuthError(
        "lease_lost",
        `this instance can no longer prove it holds the token's lease: ${why}`,
      ),
    );
  }

  #arm(): void {
    clearTimeout(this.#expiry);
    this.#expiry = setTimeout(
      () => this.#lose("its renewals did not succeed before it ran out"),
      Math.max(0, this.#remaining()),
    );
  }

  #scheduleRenewal(): void {
    this.#renewal = setTimeout(() => this.#renew(), this.#backend.leaseMs / 3);
  }

  async #renew(): Promise<void> {
    const askedAt = this.#backend.now();
    try {
      const ours = await bounded(
        this.#backend.renew(),
        this.#backend.leaseMs / 3,
        "renew the lease",
      );
      if (this.#ended || this.signal.aborted) return;
      if (!ours) return this.#lose("another instance holds it");
      this.#until = Math.max(this.#until, askedAt + this.#backend.leaseMs * (1 - MARGIN));
      this.#arm();
    } catch {
      // A failed renewal proves nothing either way: the deadline decides.
    }
    if (!this.#ended && !this.signal.aborted) this.#scheduleRenewal();
  }
}
