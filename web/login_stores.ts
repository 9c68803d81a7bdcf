/**
 * Stores of finished logins for apps that run as many instances, so that a login cookie
 * replayed with its callback is refused by every instance, not only by the one that took it
 * first: {@linkcode DenoKvLoginStore} (Deno Deploy, or processes sharing a KV database),
 * {@linkcode RedisLoginStore} (any Redis client, Upstash's REST API) and, on Cloudflare
 * Workers, {@linkcode DurableObjectLoginStore} over a {@linkcode LoginStoreObject}. Each spends
 * a login in one atomic step, so of two instances given the same cookie at once exactly one
 * goes on to the provider.
 *
 * ```ts ignore
 * // worker.ts
 * import { DurableObjectLoginStore, OAuthRegistry } from "@x/oauth/web";
 * export { LoginStoreObject } from "@x/oauth/web";
 *
 * export default {
 *   async fetch(request: Request, env: { LOGINS: DurableObjectNamespace; SECRET: string }) {
 *     const store = new DurableObjectLoginStore(env.LOGINS, "logins");
 *     const oauth = new OAuthRegistry({ secret: env.SECRET, store });
 *     // register providers, then route /login and /callback as usual
 *   },
 * };
 * // wrangler.toml: [[durable_objects.bindings]] name = "LOGINS", class_name = "LoginStoreObject"
 * ```
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { OAuthError } from "../errors.ts";
import { typeOf } from "../_transport.ts";
import type { KvKey } from "../stores/deno_kv.ts";
import { busyRetry } from "../stores/_kv_busy.ts";
import { kvKeySummary } from "../stores/_stored.ts";
import type { DurableObjectNamespaceLike } from "../stores/durable_object.ts";
import type { LoginStore } from "./remote_app.ts";

/** An atomic operation of Deno KV, the part {@linkcode DenoKvLoginStore} uses. */
export interface LoginKvAtomicLike {
  /** Commits only if each key's versionstamp is the one given (`null`: no entry). */
  check(...checks: { key: KvKey; versionstamp: string | null }[]): LoginKvAtomicLike;
  /** Writes an entry that the database deletes no sooner than `expireIn` milliseconds. */
  set(key: KvKey, value: unknown, options?: { expireIn?: number }): LoginKvAtomicLike;
  /** `{ ok: false }` when a check failed, and nothing was written. */
  commit(): Promise<{ ok: boolean }>;
}

/** The part of `Deno.Kv` that {@linkcode DenoKvLoginStore} uses; a `Deno.Kv` is one. */
export interface LoginKvLike {
  /** Starts an atomic operation. */
  atomic(): LoginKvAtomicLike;
}

/** Options of {@linkcode DenoKvLoginStore}. */
export interface DenoKvLoginStoreOptions {
  /** The clock in milliseconds, for how long KV keeps a login; default `Date.now`. */
  now?: () => number;
}

/**
 * A {@linkcode LoginStore} on Deno KV: a login is spent by writing `[...prefix, id]` in an
 * atomic operation that checks it is not there yet, with an expiry, so KV forgets it on its
 * own once its cookie could no longer be valid.
 *
 * @example
 * ```ts
 * import { DenoKvLoginStore } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const kv = await Deno.openKv(":memory:");
 * const store = new DenoKvLoginStore(kv, ["oauth", "logins"]);
 * const until = Date.now() / 1000 + 600;
 * assert.equal(await store.consume("login-1", until), true);
 * assert.equal(await store.consume("login-1", until), false);
 * kv.close();
 * ```
 */
export class DenoKvLoginStore extends SecretFree implements LoginStore {
  readonly #kv: LoginKvLike;
  readonly #prefix: KvKey;
  readonly #now: () => number;

  /**
   * Creates the store.
   *
   * @param kv the database, `await Deno.openKv()`
   * @param prefix the key under which logins are kept, e.g. `["oauth", "logins"]`
   * @param options the clock
   */
  constructor(kv: LoginKvLike, prefix: KvKey, options: DenoKvLoginStoreOptions = {}) {
    super();
    if (typeof kv?.atomic !== "function") throw new TypeError("kv must be a Deno.Kv");
    if (!Array.isArray(prefix) || prefix.length === 0) {
      throw new TypeError("prefix must be a non-empty Deno.KvKey");
    }
    this.#kv = kv;
    this.#prefix = prefix;
    this.#now = options.now ?? Date.now;
  }

  /** `true` the first time `id` comes to any instance, `false` after (until `expiresAt`). */
  async consume(id: string, expiresAt: number): Promise<boolean> {
    checkLogin(id, expiresAt);
    const key = [...this.#prefix, id];
    // KV deletes an entry no sooner than `expireIn`: the login is refused at least that long.
    const expireIn = Math.max(1, Math.ceil(expiresAt * 1000 - this.#now()));
    // Trying again cannot let the login through twice: the check decides again.
    const { ok } = await busyRetry(() =>
      this.#kv.atomic()
        .check({ key, versionstamp: null })
        .set(key, true, { expireIn })
        .commit()
    );
    return ok;
  }

  /** Where the logins are kept, never their ids: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { prefix: kvKeySummary(this.#prefix) };
  }
}

/**
 * A {@linkcode LoginStore} on Redis: a login is spent by `SET <prefix>:<id> 1 NX PXAT <ms>`,
 * which only one instance wins, and which Redis forgets at the login's expiry. It depends on no
 * Redis client: `command` sends one command, given as its words, and resolves with the reply
 * (`"OK"`, or `null` for nil).
 *
 * @example With an in-memory stand-in for Redis
 * ```ts
 * import { RedisLoginStore } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * // With node-redis: new RedisLoginStore((args) => redis.sendCommand(args), "oauth:logins")
 * const keys = new Set<string>();
 * const command = ([, key]: string[]) =>
 *   Promise.resolve(keys.has(key) ? null : (keys.add(key), "OK"));
 * const store = new RedisLoginStore(command, "oauth:logins");
 * const until = Date.now() / 1000 + 600;
 * assert.equal(await store.consume("login-1", until), true);
 * assert.equal(await store.consume("login-1", until), false);
 * assert.deepEqual([...keys], ["oauth:logins:login-1"]);
 * ```
 */
export class RedisLoginStore extends SecretFree implements LoginStore {
  readonly #command: (args: string[]) => Promise<unknown>;
  readonly #prefix: string;

  /**
   * Creates the store.
   *
   * @param command sends a Redis command, e.g. `(args) => redis.sendCommand(args)`
   * @param prefix the logins' keys are `<prefix>:<id>`
   */
  constructor(command: (args: string[]) => Promise<unknown>, prefix: string) {
    super();
    if (typeof command !== "function") {
      throw new TypeError("command must be a function sending one Redis command");
    }
    if (typeof prefix !== "string" || prefix === "") {
      throw new TypeError("prefix must be a non-empty string");
    }
    this.#command = command;
    this.#prefix = prefix;
  }

  /** `true` the first time `id` comes to any instance, `false` after (until `expiresAt`). */
  async consume(id: string, expiresAt: number): Promise<boolean> {
    checkLogin(id, expiresAt);
    const at = String(Math.ceil(expiresAt * 1000));
    const reply = await this.#command(["SET", `${this.#prefix}:${id}`, "1", "NX", "PXAT", at]);
    if (reply === "OK") return true;
    if (reply === null) return false;
    throw new OAuthError(
      "store_failed",
      `Redis answered SET … NX PXAT with ${typeOf(reply)}, not "OK" or nil`,
    );
  }

  /** Where the logins are kept, never their ids: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { prefix: this.#prefix };
  }
}

/** The part of a Durable Object's state that {@linkcode LoginStoreObject} uses. */
export interface LoginStoreStateLike {
  /** The object's transactional storage. */
  storage: {
    /** Reads a value. */
    get<T>(key: string): Promise<T | undefined>;
    /** Writes a value. */
    put(key: string, value: unknown): Promise<void>;
    /** Deletes a value. */
    delete(key: string): Promise<boolean>;
    /** Entries in key order, from `start` (included) to `end` (not), at most `limit`. */
    list<T>(options: { start?: string; end?: string; limit?: number }): Promise<Map<string, T>>;
  };
}

// How many expired logins a consume forgets, at most: more than it adds, so they never pile up.
const SWEEP = 8;
// Expiries in milliseconds, zero-padded so that the storage's key order is their order.
const expiryKey = (until: number, id: string) => `expiry:${String(until).padStart(16, "0")}:${id}`;

/**
 * The Durable Object that keeps the finished logins of a {@linkcode DurableObjectLoginStore}:
 * each login id with its expiry, and an index by expiry through which every consume forgets a
 * few of those whose time is up. Requests are answered one at a time, so of two consumes of
 * one id exactly one is `true`. Export it from your Worker and bind it.
 *
 * @example Called directly, with in-memory storage
 * ```ts
 * import { LoginStoreObject } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const data = new Map<string, unknown>();
 * const object = new LoginStoreObject({
 *   storage: {
 *     get: <T>(key: string) => Promise.resolve(data.get(key) as T | undefined),
 *     put: (key, value) => Promise.resolve(void data.set(key, value)),
 *     delete: (key) => Promise.resolve(data.delete(key)),
 *     list: <T>() => Promise.resolve(new Map<string, T>()),
 *   },
 * });
 * const consume = () =>
 *   object.fetch(
 *     new Request("https://login-store/consume", {
 *       method: "POST",
 *       body: JSON.stringify({ id: "login-1", expiresAt: Date.now() / 1000 + 600 }),
 *     }),
 *   ).then((response) => response.json());
 * assert.deepEqual(await consume(), { consumed: true });
 * assert.deepEqual(await consume(), { consumed: false });
 * ```
 */
export class LoginStoreObject extends SecretFree {
  readonly #state: LoginStoreStateLike;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Called by the runtime.
   *
   * @param state the object's state, with its storage
   */
  constructor(state: LoginStoreStateLike) {
    super();
    this.#state = state;
  }

  /** Nothing: its storage holds the logins. */
  toJSON(): Record<string, unknown> {
    return {};
  }

  /** Answers `POST /consume` with `{ id, expiresAt }`: `{ consumed: true | false }`. */
  async fetch(request: Request): Promise<Response> {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/consume") {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    const body = await request.json().catch(() => undefined) as
      | { id?: unknown; expiresAt?: unknown }
      | undefined;
    const { id, expiresAt } = body ?? {};
    if (
      typeof id !== "string" || id === "" || typeof expiresAt !== "number" ||
      !Number.isFinite(expiresAt) || expiresAt <= 0
    ) {
      return Response.json({ error: "invalid_request" }, { status: 400 });
    }
    const consumed = this.#queue.then(() => this.#consume(id, Math.ceil(expiresAt * 1000)));
    this.#queue = consumed.catch(() => {});
    return Response.json({ consumed: await consumed });
  }

  async #consume(id: string, until: number): Promise<boolean> {
    const storage = this.#state.storage;
    const now = Date.now();
    const expired = await storage.list<string>({
      start: "expiry:",
      end: expiryKey(now + 1, ""),
      limit: SWEEP,
    });
    for (const [key, expiredId] of expired) {
      await storage.delete(key);
      const at = Number(key.slice("expiry:".length, "expiry:".length + 16));
      // The id may have been spent again since, with a later expiry: that entry stays.
      if (await storage.get<number>(`login:${expiredId}`) === at) {
        await storage.delete(`login:${expiredId}`);
      }
    }
    const stored = await storage.get<number>(`login:${id}`);
    if (stored !== undefined && stored > now) return false;
    if (stored !== undefined) await storage.delete(expiryKey(stored, id));
    await storage.put(`login:${id}`, until);
    await storage.put(expiryKey(until, id), id);
    return true;
  }
}

/**
 * A {@linkcode LoginStore} in a {@linkcode LoginStoreObject}: every Worker isolate that uses
 * the same namespace and name shares the finished logins.
 *
 * @example With the object in this process
 * ```ts
 * import { DurableObjectLoginStore, LoginStoreObject } from "@x/oauth/web";
 * import assert from "node:assert/strict";
 *
 * const data = new Map<string, unknown>();
 * const object = new LoginStoreObject({
 *   storage: {
 *     get: <T>(key: string) => Promise.resolve(data.get(key) as T | undefined),
 *     put: (key, value) => Promise.resolve(void data.set(key, value)),
 *     delete: (key) => Promise.resolve(data.delete(key)),
 *     list: <T>() => Promise.resolve(new Map<string, T>()),
 *   },
 * });
 * // In a Worker: env.LOGINS, the binding of LoginStoreObject.
 * const namespace = {
 *   idFromName: (name: string) => name,
 *   get: () => ({
 *     fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)),
 *   }),
 * };
 * const store = new DurableObjectLoginStore(namespace, "logins");
 * const until = Date.now() / 1000 + 600;
 * assert.equal(await store.consume("login-1", until), true);
 * assert.equal(await store.consume("login-1", until), false);
 * ```
 */
export class DurableObjectLoginStore extends SecretFree implements LoginStore {
  readonly #stub: { fetch(input: string, init?: RequestInit): Promise<Response> };
  readonly #name: string;

  /**
   * Creates the store.
   *
   * @param namespace the Durable Object binding of `LoginStoreObject`
   * @param name the object's name: one object keeps the logins of all who use this name
   */
  constructor(namespace: DurableObjectNamespaceLike, name: string) {
    super();
    if (typeof namespace?.idFromName !== "function") {
      throw new TypeError("namespace must be the Durable Object binding of LoginStoreObject");
    }
    if (typeof name !== "string" || name === "") {
      throw new TypeError("name must be a non-empty string");
    }
    this.#stub = namespace.get(namespace.idFromName(name) as never);
    this.#name = name;
  }

  /** `true` the first time `id` comes to any isolate, `false` after (until `expiresAt`). */
  async consume(id: string, expiresAt: number): Promise<boolean> {
    checkLogin(id, expiresAt);
    const response = await this.#stub.fetch("https://login-store/consume", {
      method: "POST",
      body: JSON.stringify({ id, expiresAt }),
    });
    const answer = response.ok ? await response.json().catch(() => undefined) : undefined;
    if (typeof answer?.consumed === "boolean") return answer.consumed;
    await response.body?.cancel().catch(() => {});
    throw new OAuthError(
      "store_failed",
      `the login store object answered POST /consume with ${response.status}${
        response.ok ? " and no verdict" : ""
      }`,
      { status: response.status },
    );
  }

  /** The name of the object that keeps the logins: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.#name };
  }
}

function checkLogin(id: string, expiresAt: number): void {
  if (typeof id !== "string" || id === "") throw new TypeError("id must be a non-empty string");
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt) || expiresAt <= 0) {
    throw new TypeError("expiresAt must be a positive number of seconds");
  }
}
