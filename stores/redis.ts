/**
 * A token store on Redis, for apps that run as many instances sharing one Redis (or a service
 * that speaks its commands, such as Upstash or Valkey): the token as JSON at one key, and a
 * lease beside it at `${key}:lease` that an instance takes with `SET … NX PX` before
 * refreshing. A holder that dies leaves a lease that Redis expires, and another instance takes
 * over.
 *
 * The store depends on no Redis client: it sends each command as an array of strings through
 * the function you give it, so it runs wherever your client runs (Node, Deno, Bun, Workers).
 *
 * @example With node-redis, ioredis or Upstash's REST API
 * ```ts ignore
 * import { OAuth2Client } from "@x/oauth";
 * import { RedisTokenStore } from "@x/oauth/redis";
 * import { createClient } from "redis";
 *
 * const redis = await createClient({ url: "redis://localhost:6379" }).connect();
 * const store = new RedisTokenStore((args) => redis.sendCommand(args), `oauth:token:${userId}`);
 * const client = new OAuth2Client({ clientId, tokenEndpoint, store });
 *
 * // ioredis:
 * new RedisTokenStore(([name, ...rest]) => ioredis.call(name, ...rest), key);
 * // Upstash (REST, e.g. on Workers): POST the command as a JSON array.
 * new RedisTokenStore(async (args) => {
 *   const response = await fetch(env.UPSTASH_REDIS_REST_URL, {
 *     method: "POST",
 *     headers: { authorization: `Bearer ${env.UPSTASH_REDIS_REST_TOKEN}` },
 *     body: JSON.stringify(args),
 *   });
 *   const { result, error } = await response.json();
 *   if (error) throw new Error(error);
 *   return result;
 * }, key);
 * ```
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { randomBase64url } from "../_random.ts";
import { typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";
import { bounded, holdLease, waitForLease } from "./_lease.ts";
import { isToken, parseStoredToken, positiveMs } from "./_stored.ts";
import type { TokenLease, TokenStore } from "../oauth2/token_store.ts";

// The types the store's API names, so that this entry point is documented on its own.
export type { Token } from "../oauth2/types.ts";
export type { TokenLease, TokenStore } from "../oauth2/token_store.ts";

/**
 * Sends one Redis command, given as its words (`["GET", "oauth:token:alice"]`), and resolves
 * with the reply: a string, a number, `null` for a nil reply; rejects when Redis answers with
 * an error or cannot be reached.
 *
 * @example Adapters for common clients
 * ```ts ignore
 * import type { RedisCommand } from "@x/oauth/redis";
 *
 * const nodeRedis: RedisCommand = (args) => client.sendCommand(args); // npm:redis
 * const ioredis: RedisCommand = ([name, ...rest]) => redis.call(name, ...rest); // npm:ioredis
 * ```
 */
export type RedisCommand = (args: string[]) => Promise<unknown>;

/**
 * Options of {@linkcode RedisTokenStore}.
 *
 * @example
 * ```ts
 * import { RedisTokenStore, type RedisTokenStoreOptions } from "@x/oauth/redis";
 *
 * const options: RedisTokenStoreOptions = { leaseMs: 5_000, waitMs: 10_000 };
 * new RedisTokenStore(() => Promise.resolve(null), "oauth:token:alice", options);
 * ```
 */
export interface RedisTokenStoreOptions {
  /**
   * How long a lease lasts without renewal, in milliseconds; default 10 000. It is also the
   * longest any one command may take before it counts as failed.
   */
  leaseMs?: number;
  /** How long `withLock` waits for a lease before `lock_timeout`; default 30 000. */
  waitMs?: number;
}

/**
 * Renews the lease only if it is still the caller's: the check and the expiry must be one
 * atomic step, which a Lua script is (https://redis.io/docs/latest/commands/eval/).
 */
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then " +
  "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

/**
 * Deletes the lease only if it is still the caller's, so that a holder whose lease ran out
 * does not free its successor's (the unlock script of the SET command's lock pattern).
 */
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then " +
  "return redis.call('DEL', KEYS[1]) else return 0 end";

/** Writes the token only while the lease (KEYS[1]) is the writer's: the fenced write. */
const FENCED_SET = "if redis.call('GET', KEYS[1]) == ARGV[1] then " +
  "redis.call('SET', KEYS[2], ARGV[2]) return 1 else return 0 end";

/**
 * A {@linkcode TokenStore} on Redis. The token is JSON at `key`; `withLock` takes a lease at
 * `${key}:lease`, renews it while the work runs, and releases it after; others poll until it
 * is free or Redis has expired it. Every command is bounded in time (by `leaseMs`), and a
 * failed or hung one is `store_failed`.
 *
 * In Redis Cluster the fenced write's script touches both keys, which must then share a slot:
 * put a hash tag in `key`, such as `"{oauth:alice}:token"`.
 *
 * @example A store over a stand-in for Redis (a `Map` answering GET and SET)
 * ```ts
 * import { RedisTokenStore } from "@x/oauth/redis";
 * import assert from "node:assert/strict";
 *
 * const data = new Map<string, string>();
 * const store = new RedisTokenStore(([name, key, value]) => {
 *   if (name === "SET") data.set(key, value);
 *   return Promise.resolve(name === "SET" ? "OK" : data.get(key) ?? null);
 * }, "oauth:token:alice");
 *
 * await store.set({ access_token: "at", token_type: "Bearer" });
 * assert.equal(data.get("oauth:token:alice"), '{"access_token":"at","token_type":"Bearer"}');
 * assert.equal((await store.get())?.access_token, "at");
 * ```
 */
export class RedisTokenStore extends SecretFree implements TokenStore {
  readonly #command: RedisCommand;
  readonly #key: string;
  readonly #leaseKey: string;
  readonly #leaseMs: number;
  readonly #waitMs: number;

  /**
   * Creates the store.
   *
   * @param command sends one command to Redis, e.g. `(args) => client.sendCommand(args)`
   * @param key where this token lives, e.g. `` `oauth:token:${userId}` ``
   * @param options the lease's length and the longest wait for it
   */
  constructor(command: RedisCommand, key: string, options: RedisTokenStoreOptions = {}) {
    super();
    if (typeof command !== "function") {
      throw new TypeError("command must be a function that sends one Redis command");
    }
    if (typeof key !== "string" || key === "") {
      throw new TypeError("key must be a non-empty string");
    }
    this.#command = command;
    this.#key = key;
    this.#leaseKey = `${key}:lease`;
    this.#leaseMs = positiveMs(options.leaseMs ?? 10_000, "leaseMs");
    this.#waitMs = positiveMs(options.waitMs ?? 30_000, "waitMs");
  }

  /** The token, or `undefined`; `store_failed` when the value at the key is not a token. */
  async get(): Promise<Token | undefined> {
    return parseToken(await this.#send(["GET", this.#key], "read the token"));
  }

  /** Keeps `token`. */
  async set(token: Token): Promise<void> {
    const reply = await this.#send(["SET", this.#key, serialize(token)], "write the token", true);
    if (!isOk(reply)) throw unexpected("SET", reply);
  }

  /** Forgets the token. */
  async delete(): Promise<void> {
    await this.#send(["DEL", this.#key], "delete the token");
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
        now,
        renew: () => this.#renew(owner),
        release: () => this.#release(owner),
        fencedSet: (token) => this.#fencedSet(owner, token),
      },
      askedAt,
      fn,
    );
  }

  /** Where the token lives and the lease's timings, never the token: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { key: this.#key, leaseMs: this.#leaseMs, waitMs: this.#waitMs };
  }

  /** Takes the lease; resolves with the time it was asked for, from which it lasts. */
  #acquire(owner: string): Promise<number> {
    return waitForLease(
      async () => {
        const askedAt = now();
        // SET NX sets the key only if it does not exist, PX expires it after that many
        // milliseconds; the reply is OK when it was set and nil otherwise. This is the lock
        // pattern of https://redis.io/docs/latest/commands/set/ ("Patterns").
        const reply = await this.#send(
          ["SET", this.#leaseKey, owner, "NX", "PX", this.#px()],
          "take the lease",
        ).catch((error) => {
          this.#abandon(owner);
          throw error;
        });
        if (isOk(reply)) return { askedAt };
        if (reply !== null && reply !== undefined) throw unexpected("SET NX", reply);
        // The reply does not say when the lease runs out: poll at the usual pace.
        return { freeInMs: Infinity };
      },
      this.#waitMs,
      now,
    );
  }

  async #renew(owner: string): Promise<boolean> {
    const reply = await this.#send(
      ["EVAL", RENEW, "1", this.#leaseKey, owner, this.#px()],
      "renew the lease",
    );
    return flag(reply, "the renewal's PEXPIRE");
  }

  async #release(owner: string): Promise<void> {
    await this.#send(["EVAL", RELEASE, "1", this.#leaseKey, owner], "release the lease");
  }

  async #fencedSet(owner: string, token: Token): Promise<boolean> {
    const reply = await this.#send(
      ["EVAL", FENCED_SET, "2", this.#leaseKey, this.#key, owner, JSON.stringify(token)],
      "write the token under the lease",
      true,
    );
    return flag(reply, "the fenced SET");
  }

  /**
   * Releases a lease whose take failed or hung: that SET may still reach Redis later (clients
   * queue commands while disconnected, and send this release after it), and would then keep
   * every instance waiting for the lease's whole length. Neither awaited nor bounded: Redis
   * may be out of reach for longer than the caller should wait.
   */
  #abandon(owner: string): void {
    Promise.resolve()
      .then(() => this.#command(["EVAL", RELEASE, "1", this.#leaseKey, owner]))
      .catch(() => {});
  }

  /**
   * The lease's length for PX, which takes whole milliseconds: rounded up, so that Redis
   * never expires the lease before the holder's own deadline.
   */
  #px(): string {
    return String(Math.ceil(this.#leaseMs));
  }

  /**
   * Sends one command, bounded in time; a rejection or a hang is `store_failed`. When the
   * command carries the token, the client's error is not kept as the cause: some clients put
   * the command's arguments in their errors.
   */
  async #send(args: string[], what: string, carriesToken = false): Promise<unknown> {
    try {
      return await bounded(
        Promise.resolve().then(() => this.#command(args)),
        this.#leaseMs,
        what,
      );
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError(
        "store_failed",
        `the token store could not ${what}: the Redis command ${args[0]} failed`,
        carriesToken ? {} : { cause: error },
      );
    }
  }
}

/**
 * The lease is measured in elapsed time (PX is relative to when Redis receives the command),
 * so a monotonic clock serves: wall-clock adjustments do not move the holder's deadline.
 */
function now(): number {
  return performance.now();
}

function serialize(token: Token): string {
  if (!isToken(token)) {
    throw new TypeError("token must be an object with string access_token and token_type");
  }
  return JSON.stringify(token);
}

/** The token in a GET reply; nothing of the value goes into an error: it may be a token. */
function parseToken(reply: unknown): Token | undefined {
  if (reply === null || reply === undefined) return undefined;
  const json = text(reply);
  if (json === undefined) throw unexpected("GET", reply);
  return parseStoredToken(json, "the value at the token's key");
}

/** A string reply as text: most clients give strings, some give bytes. */
function text(reply: unknown): string | undefined {
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  return undefined;
}

function isOk(reply: unknown): boolean {
  return text(reply) === "OK";
}

/**
 * An integer reply of 1 or 0 as a boolean. Clients give it as a number, or (REST APIs that
 * answer in JSON text) as a string.
 */
function flag(reply: unknown, command: string): boolean {
  const value = typeof reply === "number" || typeof reply === "bigint"
    ? String(reply)
    : text(reply);
  if (value === "1") return true;
  if (value === "0") return false;
  throw unexpected(command, reply);
}

/** A reply no Redis gives: the client or the service in between is not what the store expects. */
function unexpected(command: string, reply: unknown): OAuthError {
  return new OAuthError(
    "store_failed",
    `the reply to ${command} was not what Redis answers: got ${typeOf(reply)}`,
  );
}
