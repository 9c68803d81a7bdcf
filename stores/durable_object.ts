/**
 * A token store for Cloudflare Workers: a Durable Object, {@linkcode TokenStoreObject}, keeps
 * the token and hands out one lease at a time; {@linkcode DurableObjectTokenStore} is the
 * `TokenStore` a Worker gives its `OAuth2Client`, talking to that object. Every isolate that
 * serves the same user then refreshes through one object, once.
 *
 * ```ts ignore
 * // worker.ts
 * import { OAuth2Client } from "@x/oauth";
 * import { DurableObjectTokenStore } from "@x/oauth/durable-object";
 * export { TokenStoreObject } from "@x/oauth/durable-object";
 *
 * export default {
 *   async fetch(request: Request, env: { TOKENS: DurableObjectNamespace }) {
 *     const store = new DurableObjectTokenStore(env.TOKENS, "user-123");
 *     const client = new OAuth2Client({ clientId: "app", tokenEndpoint: "https://as.example/token", store });
 *     return await client.fetch("https://api.example/me");
 *   },
 * };
 * // wrangler.toml: [[durable_objects.bindings]] name = "TOKENS", class_name = "TokenStoreObject"
 * ```
 *
 * @module
 */
import { SecretFree } from "../_inspect.ts";
import { randomBase64url } from "../_random.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";
import { bounded, holdLease, waitForLease } from "./_lease.ts";
import { positiveMs } from "./_stored.ts";
import { storeOperation, type TokenLease, type TokenStore } from "../oauth2/token_store.ts";

/** The part of a Durable Object's state the object uses. */
export interface DurableObjectStateLike {
  /** The object's transactional storage. */
  storage: {
    get<T>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
    delete(key: string): Promise<boolean>;
  };
}

/** The part of a Durable Object namespace binding the store uses. */
export interface DurableObjectNamespaceLike {
  /** The id of the object for a name. */
  idFromName(name: string): unknown;
  /** A stub that sends requests to the object. */
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Options of {@linkcode DurableObjectTokenStore}. */
export interface DurableObjectTokenStoreOptions {
  /** How long a lease lasts without renewal, in milliseconds; default 10 000. */
  leaseMs?: number;
  /** How long `withLock` waits for the lease before `lock_timeout`; default 30 000. */
  waitMs?: number;
}

interface Lease {
  id: string;
  until: number;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

/**
 * The Durable Object that keeps one token (one object per user: `idFromName(userId)`) and one
 * lease. Export it from your Worker and bind it; {@linkcode DurableObjectTokenStore} talks to it.
 * A lease that is not renewed runs out, so a Worker that dies while refreshing blocks no one
 * for longer than the lease.
 */
export class TokenStoreObject extends SecretFree {
  readonly #state: DurableObjectStateLike;
  #lease: Lease | undefined;

  /**
   * Called by the runtime.
   *
   * @param state the object's state, with its storage
   */
  constructor(state: DurableObjectStateLike) {
    super();
    this.#state = state;
  }

  /** Nothing: its storage holds the token, and the lease's id proves its holder. */
  toJSON(): Record<string, unknown> {
    return {};
  }

  /** Answers the store's requests: the token (GET, PUT, DELETE) and the lease (POST). */
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    const storage = this.#state.storage;
    if (route === "GET /token") return json({ token: await storage.get<Token>("token") ?? null });
    if (route === "PUT /token") {
      await storage.put("token", await request.json());
      return json({ ok: true });
    }
    if (route === "DELETE /token") {
      await storage.delete("token");
      return json({ ok: true });
    }
    if (request.method === "POST" && pathname.startsWith("/lease/")) {
      const { id, leaseMs, token } = await request.json() as {
        id: string;
        leaseMs: number;
        token?: Token;
      };
      const action = pathname.slice("/lease/".length);
      const response = this.#leaseAction(action, id, leaseMs);
      // The fenced write: the token is kept only while the lease is the writer's.
      if (action === "write" && response.ok) await storage.put("token", token);
      return response;
    }
    return json({ error: "not_found" }, 404);
  }

  /**
   * `take` grants a free or run-out lease; `renew`, `write` and `release` act only for its
   * holder, and the first two only before it has run out.
   */
  #leaseAction(action: string, id: string, leaseMs: number): Response {
    const now = Date.now();
    const held = this.#lease !== undefined && this.#lease.until > now;
    if (action === "take") {
      if (held) return json({ waitMs: this.#lease!.until - now }, 423);
      this.#lease = { id, until: now + leaseMs };
      return json({ ok: true });
    }
    if (this.#lease?.id !== id || (action !== "release" && !held)) return json({ ok: false }, 409);
    if (action === "renew") this.#lease.until = now + leaseMs;
    else if (action === "release") this.#lease = undefined;
    else if (action !== "write") return json({ error: "not_found" }, 404);
    return json({ ok: true });
  }
}

/**
 * The {@linkcode TokenStore} of one user's token in a {@linkcode TokenStoreObject}: every
 * Worker isolate that uses the same namespace and name shares the token and its lease.
 */
export class DurableObjectTokenStore extends SecretFree implements TokenStore {
  readonly #stub: { fetch(input: string, init?: RequestInit): Promise<Response> };
  readonly #name: string;
  readonly #leaseMs: number;
  readonly #waitMs: number;

  /**
   * Creates the store.
   *
   * @param namespace the Durable Object binding of `TokenStoreObject`
   * @param name whose token this is, e.g. a user id
   * @param options the lease's length and the longest wait for it
   */
  constructor(
    namespace: DurableObjectNamespaceLike,
    name: string,
    options: DurableObjectTokenStoreOptions = {},
  ) {
    super();
    if (typeof namespace?.idFromName !== "function") {
      throw new TypeError("namespace must be the Durable Object binding of TokenStoreObject");
    }
    if (typeof name !== "string" || name === "") {
      throw new TypeError("name must be a non-empty string");
    }
    this.#stub = namespace.get(namespace.idFromName(name) as never);
    this.#name = name;
    this.#leaseMs = positiveMs(options.leaseMs ?? 10_000, "leaseMs");
    this.#waitMs = positiveMs(options.waitMs ?? 30_000, "waitMs");
  }

  /** The token, or `undefined`. */
  async get(): Promise<Token | undefined> {
    const { token } = await this.#call("GET", "/token") as { token: Token | null };
    return token ?? undefined;
  }

  /** Keeps `token`. */
  async set(token: Token): Promise<void> {
    await this.#call("PUT", "/token", token);
  }

  /** Forgets the token. */
  async delete(): Promise<void> {
    await this.#call("DELETE", "/token");
  }

  /**
   * Runs `fn` holding the object's lease, renewed every third of its length. `fn` gets the
   * {@linkcode TokenLease}: once renewals have failed until the lease ran out, or the object
   * gave it to another, the holder's signal is aborted and its token writes are refused.
   */
  async withLock<T>(fn: (lease?: TokenLease) => Promise<T>): Promise<T> {
    const id = randomBase64url(16);
    const askedAt = await this.#take(id);
    return await holdLease(
      {
        leaseMs: this.#leaseMs,
        now: Date.now,
        renew: () => this.#asHolder("renew", id),
        release: () => this.#asHolder("release", id).then(() => {}),
        fencedSet: (token) => this.#asHolder("write", id, token),
      },
      askedAt,
      fn,
    );
  }

  /** Whose token it is and the lease's timings, never the token: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.#name, leaseMs: this.#leaseMs, waitMs: this.#waitMs };
  }

  /** Takes the lease; resolves with the time it was asked for, from which it lasts. */
  #take(id: string): Promise<number> {
    return waitForLease(
      async () => {
        const askedAt = Date.now();
        const response = await this.#send("POST", "/lease/take", { id, leaseMs: this.#leaseMs });
        if (response.ok) {
          await response.body?.cancel();
          return { askedAt };
        }
        if (response.status !== 423) throw await storeFailed(response, "POST /lease/take");
        const { waitMs } = await bounded(response.json(), this.#leaseMs, "answer") as {
          waitMs?: number;
        };
        return { freeInMs: waitMs ?? 50 };
      },
      this.#waitMs,
      Date.now,
    );
  }

  /** A lease action of this holder: `true` when done, `false` when the lease is not its own. */
  async #asHolder(action: string, id: string, token?: Token): Promise<boolean> {
    const path = `/lease/${action}`;
    const response = await this.#send("POST", path, { id, leaseMs: this.#leaseMs, token });
    await response.body?.cancel();
    if (response.status === 409) return false;
    if (!response.ok) throw await storeFailed(response, `POST ${path}`);
    return true;
  }

  /** One request to the object, bounded in time. */
  #send(method: string, path: string, body?: unknown): Promise<Response> {
    const sent = this.#stub.fetch(`https://token-store${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const what = `answer ${method} ${path}`;
    return storeOperation(bounded(sent, this.#leaseMs, what), what);
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.#send(method, path, body);
    if (!response.ok) throw await storeFailed(response, `${method} ${path}`);
    return await bounded(response.json(), this.#leaseMs, `answer ${method} ${path}`);
  }
}

async function storeFailed(response: Response, what: string): Promise<OAuthError> {
  await response.body?.cancel().catch(() => {});
  return new OAuthError(
    "store_failed",
    `the token store object answered ${what} with ${response.status}`,
    { status: response.status },
  );
}
