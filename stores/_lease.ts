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
import { pause, type TokenLease } from "../oauth2/token_store.ts";

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
 * The share of the lease given up before it runs out: clocks of two machines drift.
 */
const MARGIN = 0.2;
/**
 * The share of the lease kept for storing the answer of a refresh: a request still waiting
 * when less than this remains is aborted, so that a token the server rotated is not left
 * without the time to write it.
 */
const RESERVE = 0.3;

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

/** What one attempt to take a lease found. */
export type LeaseAttempt =
  /** Taken: the time it was asked for, from which it lasts. */
  | { askedAt: number }
  /** Held by another: how long until it could be free (`0`: try again at once). */
  | { freeInMs: number };

/**
 * Runs `take` until it gets the lease, and resolves with the time it was asked for. Between
 * attempts it waits until the lease could be free, at most 25 to 50 ms (with jitter, so that
 * waiting instances do not move in step); waiting longer than `waitMs` is `lock_timeout`.
 */
export async function waitForLease(
  take: () => Promise<LeaseAttempt>,
  waitMs: number,
  now: () => number,
): Promise<number> {
  const deadline = now() + waitMs;
  for (;;) {
    const attempt = await take();
    if ("askedAt" in attempt) return attempt.askedAt;
    if (attempt.freeInMs <= 0) continue;
    if (now() >= deadline) {
      throw new OAuthError(
        "lock_timeout",
        `another instance has held the token's lease for over ${waitMs} ms`,
      );
    }
    await pause(Math.min(attempt.freeInMs, 25 + Math.random() * 25));
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

class HeldLease implements TokenLease {
  readonly #backend: LeaseBackend;
  readonly #controller = new AbortController();
  /** Until when (by the backend's clock) the holder knows the lease is its own. */
  #until: number;
  /** Why the lease is not this holder's any more, once it is not. */
  #lost?: OAuthError;
  #timer?: ReturnType<typeof setTimeout>;
  #renewal?: ReturnType<typeof setTimeout>;
  #ended = false;

  constructor(backend: LeaseBackend, askedAt: number) {
    this.#backend = backend;
    this.#until = askedAt + backend.leaseMs * (1 - MARGIN);
    this.#arm();
    this.#scheduleRenewal();
  }

  /** Aborted when too little of the lease remains to store what a request would bring. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  check(): void {
    this.#checkHeld();
    // Once closed, sending stays closed: a renewal afterwards does not reopen it.
    if (this.signal.aborted || this.#remaining() < this.#backend.leaseMs * RESERVE) {
      this.#closeSending();
      throw this.signal.reason;
    }
  }

  async set(token: Token): Promise<void> {
    // Each attempt gets half of what remains (and at least an eighth of the reserve), so that a
    // slow write has time to finish, and a hung one leaves time to retry. A fixed eighth of the
    // reserve alone (37 ms of a one-second lease) cut writes of a slow store short every time,
    // and a write that never lands lets the next holder spend the old refresh token.
    const slice = this.#backend.leaseMs * RESERVE / 8;
    let failure: unknown;
    for (;;) {
      if (failure !== undefined && this.#remaining() <= 0) {
        throw new OAuthError(
          "store_failed",
          "the new token could not be written to the store before the token's lease ran out",
          { cause: failure },
        );
      }
      this.#checkHeld();
      try {
        const remaining = this.#remaining();
        const attempt = Math.min(remaining, Math.max(remaining / 2, slice));
        if (await bounded(this.#backend.fencedSet(token), attempt, "write the token")) return;
      } catch (error) {
        failure = error;
        await pause(2 + Math.random() * 8);
        continue;
      }
      this.#lose("another instance holds it");
      throw this.#lost;
    }
  }

  /** Stops renewing and releases; a failed or hung release leaves the lease to run out. */
  async end(): Promise<void> {
    this.#ended = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#renewal);
    await bounded(this.#backend.release(), this.#backend.leaseMs, "release the lease")
      .catch(() => {});
  }

  #checkHeld(): void {
    if (this.#ended) throw new OAuthError("lease_lost", "the token's lease was already released");
    if (this.#lost === undefined && this.#remaining() <= 0) {
      this.#lose("its renewals did not succeed before it ran out");
    }
    if (this.#lost !== undefined) throw this.#lost;
  }

  #remaining(): number {
    return this.#until - this.#backend.now();
  }

  #lose(why: string): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#renewal);
    this.#lost ??= new OAuthError(
      "lease_lost",
      `this instance can no longer prove it holds the token's lease: ${why}`,
    );
    if (!this.signal.aborted) this.#controller.abort(this.#lost);
  }

  #closeSending(): void {
    if (this.signal.aborted) return;
    this.#controller.abort(
      new OAuthError(
        "lease_lost",
        "too little of the token's lease remains to store a refreshed token: its renewals did not succeed",
      ),
    );
  }

  /** One timer: first the end of sending, then the end of the lease. */
  #arm(): void {
    clearTimeout(this.#timer);
    const reserve = this.#backend.leaseMs * RESERVE;
    const untilSending = this.#remaining() - reserve;
    this.#timer = untilSending > 0 && !this.signal.aborted
      ? setTimeout(() => {
        this.#closeSending();
        this.#arm();
      }, untilSending)
      : setTimeout(
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
      if (this.#ended || this.#lost) return;
      if (!ours) return this.#lose("another instance holds it");
      this.#until = Math.max(this.#until, askedAt + this.#backend.leaseMs * (1 - MARGIN));
      this.#arm();
    } catch {
      // A failed renewal proves nothing either way: the deadline decides.
    }
    if (!this.#ended && !this.#lost) this.#scheduleRenewal();
  }
}
