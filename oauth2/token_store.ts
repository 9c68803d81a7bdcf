/**
 * Where a client keeps its token, and how instances of an app agree on who refreshes it: the
 * {@linkcode TokenStore} contract with its {@linkcode TokenLease}, and the in-memory default
 * {@linkcode MemoryTokenStore}. The shared stores for many instances are the runtime adapters
 * in `stores/`.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "./types.ts";

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

/**
 * A {@linkcode TokenStore} in memory: what `OAuth2Client` uses when given no store. Clients
 * that share one instance share its token and refresh it once between them.
 *
 * @example
 * ```ts
 * import { MemoryTokenStore, OAuth2Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const store = new MemoryTokenStore({ access_token: "at", token_type: "Bearer" });
 * const a = new OAuth2Client({ clientId: "app", store });
 * const b = new OAuth2Client({ clientId: "app", store });
 * const [signedA, signedB] = await Promise.all([
 *   a.sign(new Request("https://api.example/")),
 *   b.sign(new Request("https://api.example/")),
 * ]);
 * assert.equal(signedA.headers.get("authorization"), signedB.headers.get("authorization"));
 * assert.equal(JSON.stringify(store), '{"hasToken":true}'); // never the token itself
 * ```
 */
export class MemoryTokenStore extends SecretFree implements TokenStore {
  #token: Token | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Creates the store.
   *
   * @param token a token to start with
   */
  constructor(token?: Token) {
    super();
    this.#token = token && { ...token };
  }

  /** The token, or `undefined`. */
  get(): Promise<Token | undefined> {
    return Promise.resolve(this.#token && { ...this.#token });
  }

  /** Keeps a copy of `token`. */
  set(token: Token): Promise<void> {
    this.#token = { ...token };
    return Promise.resolve();
  }

  /** Forgets the token. */
  delete(): Promise<void> {
    this.#token = undefined;
    return Promise.resolve();
  }

  /** Runs `fn` after every `fn` queued before it has ended. */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(() => fn());
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Whether a token is kept, and nothing of it: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { hasToken: this.#token !== undefined };
  }
}

/**
 * `operation`, with a failure of the store's backend (a rejected call, a lost connection)
 * turned into `store_failed`, so that every caller meets a typed error; a rejection that is
 * already an `OAuthError` passes as it is. The message names the operation, never a value.
 */
export async function storeOperation<T>(operation: Promise<T>, what: string): Promise<T> {
  try {
    return await operation;
  } catch (cause) {
    if (cause instanceof OAuthError) throw cause;
    throw new OAuthError("store_failed", `the token store could not ${what}`, { cause });
  }
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
