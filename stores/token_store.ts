/**
 * Where a client keeps its token, and how instances of an app agree on who refreshes it.
 *
 * @module
 */
import type { Token } from "../oauth2/types.ts";

/**
 * A token shared by every client that uses the store, with a lock for refreshing it. With
 * rotating refresh tokens (RFC 9700 §4.14) two instances that refresh at once get the whole
 * token family revoked; the client therefore refreshes only inside `withLock`, after reading
 * the store again: if another instance has refreshed meanwhile, it takes that token instead.
 *
 * @example A store of your own, kept in a `Map` (use `MemoryTokenStore` for exactly this)
 * ```ts
 * import type { Token, TokenStore } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const tokens = new Map<string, Token>();
 * let queue = Promise.resolve();
 * const store: TokenStore = {
 *   get: () => Promise.resolve(tokens.get("user-1")),
 *   set: (token) => Promise.resolve(void tokens.set("user-1", token)),
 *   delete: () => Promise.resolve(void tokens.delete("user-1")),
 *   withLock: (fn) => {
 *     const result = queue.then(() => fn());
 *     queue = result.then(() => {}, () => {});
 *     return result;
 *   },
 * };
 * await store.set({ access_token: "at", token_type: "Bearer" });
 * assert.equal((await store.get())?.access_token, "at");
 * ```
 */
export interface TokenStore {
  /** The token, or `undefined` when there is none. */
  get(): Promise<Token | undefined>;
  /** Keeps `token`, replacing any other. */
  set(token: Token): Promise<void>;
  /** Forgets the token. */
  delete(): Promise<void>;
  /**
   * Runs `fn` while holding a lease that every instance sharing the store respects, and
   * releases it however `fn` ends; a failed release does not fail `fn`'s result (the lease
   * runs out). A store shared by instances hands `fn` the {@linkcode TokenLease}, which the
   * client uses to send nothing once it cannot prove the lease and to fence its token write;
   * a store that passes none is trusted to exclude every other holder by itself.
   */
  withLock<T>(fn: (lease?: TokenLease) => Promise<T>): Promise<T>;
}

/**
 * The holder's proof of its lease, handed to the work `withLock` runs. A lease is a promise
 * with an expiry: once this holder cannot show that the lease is still its own (its renewals
 * failed or hung until it ran out, or another instance holds it), another instance may take
 * it, so this holder must stop acting on the token (RFC 9700 §4.14: a rotating refresh token
 * spent twice revokes the whole family).
 */
export interface TokenLease {
  /**
   * Aborted once the holder can no longer prove that it holds the lease long enough to store
   * what a request sent now would bring back: a refresh request still waiting then is ended.
   */
  readonly signal: AbortSignal;
  /** Throws `lease_lost` (an `OAuthError`) when `signal` is aborted or would be now. */
  check(): void;
  /**
   * Keeps `token` in one atomic step that succeeds only while the lease is this holder's
   * (a fenced write); `lease_lost` when it is not, `store_failed` when the store failed.
   */
  set(token: Token): Promise<void>;
}
