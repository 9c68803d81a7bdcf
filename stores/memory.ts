/**
 * The default token store: the token in this process's memory, and a lock that orders
 * refreshes within it.
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import type { Token } from "../oauth2/types.ts";
import type { TokenStore } from "./token_store.ts";

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
