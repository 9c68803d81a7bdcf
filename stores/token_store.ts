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
 *     const result = queue.then(fn);
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
   * releases it however `fn` ends.
   */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}
