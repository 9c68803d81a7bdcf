/**
 * Token stores: the {@linkcode TokenStore} contract, its {@linkcode TokenLease}, and the
 * in-memory default. Shared stores for many instances are separate entry points:
 * `@x/oauth/deno-kv`, `@x/oauth/durable-object`, `@x/oauth/redis` and `@x/oauth/file`.
 *
 * @example
 * ```ts
 * import { MemoryTokenStore } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const store = new MemoryTokenStore();
 * assert.equal(await store.get(), undefined);
 * ```
 *
 * @module
 */
export type { TokenLease, TokenStore } from "./token_store.ts";
export { MemoryTokenStore } from "./memory.ts";
