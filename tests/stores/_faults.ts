/**
 * Fault injection for the token stores: store operations that fail, hang or run slow at
 * random (a seeded generator, so a failure can be replayed), many clients as instances, and a
 * token endpoint that rotates refresh tokens with reuse detection and commits a rotation only
 * when it answers (a request aborted before then changes nothing). After a run the faults stop,
 * every instance uses its token once more, and the invariants are checked:
 *
 * - never two holders: when a refresh arrives, at most one lease is provably held;
 * - every refresh token is spent at most once;
 * - no rotated token is lost: the store ends with the newest token the server issued;
 * - every caller gets a token or an `OAuthError`, within a bound.
 */
import assert from "node:assert/strict";
import { OAuth2Client, OAuthError, type Token } from "../../mod.ts";
import type { TokenLease, TokenStore } from "../../oauth2/token_store.ts";

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often a store operation fails, hangs (never settles) or runs slow, while faults are on. */
export interface FaultRates {
  fail: number;
  hang: number;
  slow: number;
  /** The longest slow operation, in milliseconds. */
  slowMs: number;
}

export const DEFAULT_RATES: FaultRates = { fail: 0.1, hang: 0.03, slow: 0.2, slowMs: 40 };

/** Decides the fate of each store operation while the faults are on (`start` to `heal`). */
export class Faults {
  readonly #random: () => number;
  readonly #rates: FaultRates;
  #on = false;
  counts = { fail: 0, hang: 0, slow: 0, ok: 0 };

  constructor(seed: number, rates: FaultRates = DEFAULT_RATES) {
    this.#random = seeded(seed);
    this.#rates = rates;
  }

  /** Turns the faults on. */
  start(): void {
    this.#on = true;
  }

  /** Turns the faults off. */
  heal(): void {
    this.#on = false;
  }

  /** Runs `operation` as the dice say: throws, never settles, waits first, or just runs. */
  async apply<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.#on) return await operation();
    const roll = this.#random();
    const { fail, hang, slow, slowMs } = this.#rates;
    if (roll < fail) {
      this.counts.fail++;
      throw new Error("injected store failure");
    }
    if (roll < fail + hang) {
      this.counts.hang++;
      return await new Promise<T>(() => {});
    }
    if (roll < fail + hang + slow) {
      this.counts.slow++;
      await new Promise((resolve) => setTimeout(resolve, this.#random() * slowMs));
    } else this.counts.ok++;
    return await operation();
  }

  /** A random delay for the token endpoint, in milliseconds. */
  delay(ms: number): number {
    return this.#random() * ms;
  }
}

/**
 * A token endpoint with rotation and reuse detection. A refresh commits (spends its refresh
 * token, issues the next) only when it answers, and only if the client has not aborted it by
 * then; a spent refresh token sent again is reuse.
 */
export class RotatingServer {
  /** Every refresh token ever issued, in order; the last is the live one. */
  readonly issued: string[] = ["rt0"];
  readonly spent = new Map<string, number>();
  reuse = 0;
  /** The most leases provably held at once when a refresh arrived. */
  maxHolders = 0;
  readonly #faults: Faults;
  readonly #holders: () => number;

  constructor(faults: Faults, holders: () => number) {
    this.#faults = faults;
    this.#holders = holders;
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    this.maxHolders = Math.max(this.maxHolders, this.#holders());
    const form = new URLSearchParams(await request.text());
    const refreshToken = form.get("refresh_token") ?? "";
    await new Promise((resolve) => setTimeout(resolve, this.#faults.delay(30)));
    // The server commits at its answer; a client that gave up before it changed nothing.
    request.signal.throwIfAborted();
    if (this.spent.has(refreshToken) || !this.issued.includes(refreshToken)) {
      this.reuse++;
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    this.spent.set(refreshToken, (this.spent.get(refreshToken) ?? 0) + 1);
    const next = `rt${this.issued.length}`;
    this.issued.push(next);
    return Response.json({
      access_token: `at${this.issued.length - 1}`,
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: next,
    });
  };

  get live(): string {
    return this.issued.at(-1)!;
  }
}

/** Wraps a store so that each lease it hands out is counted while provably held. */
export function countingHolders(store: TokenStore, held: Set<TokenLease>): TokenStore {
  return {
    get: () => store.get(),
    set: (token) => store.set(token),
    delete: () => store.delete(),
    withLock: (fn) =>
      store.withLock(async (lease) => {
        if (lease) held.add(lease);
        try {
          return await fn(lease);
        } finally {
          if (lease) held.delete(lease);
        }
      }),
  };
}

/** How many of `held` are provably held now. */
export function provablyHeld(held: Set<TokenLease>): number {
  let count = 0;
  for (const lease of held) {
    try {
      lease.check();
      count++;
    } catch {
      // Not provably held: its holder sends nothing.
    }
  }
  return count;
}

export interface Scenario {
  seed: number;
  /** Makes instance `index`'s store; all of them share one backend, with `faults` applied. */
  store(index: number, faults: Faults): TokenStore | Promise<TokenStore>;
  /** Reads what the shared backend holds now, without faults. */
  stored(): Promise<Token | undefined>;
  instances?: number;
  callers?: number;
  rounds?: number;
  rates?: FaultRates;
}

const HOUR = 3600;

/**
 * Runs `rounds` rounds; in each the clock jumps past the token's expiry and `instances` ×
 * `callers` sign a request at once. Then heals the faults, lets each instance use its token
 * once more, and checks the invariants. The seed is in every assertion message.
 */
export async function runScenario(scenario: Scenario) {
  const { seed, instances = 4, callers = 25, rounds = 4 } = scenario;
  const faults = new Faults(seed, scenario.rates);
  const held = new Set<TokenLease>();
  const server = new RotatingServer(faults, () => provablyHeld(held));
  let clock = 1_700_000_000_000;
  const clients = await Promise.all(
    Array.from({ length: instances }, async (_, index) =>
      new OAuth2Client({
        clientId: "app",
        tokenEndpoint: "https://as.example/token",
        store: countingHolders(await scenario.store(index, faults), held),
        now: () => clock,
        fetch: server.fetch,
      })),
  );
  const initial: Token = {
    access_token: "at0",
    token_type: "Bearer",
    refresh_token: "rt0",
    expires_at: clock / 1000 - 60,
  };
  await (await scenario.store(instances, faults)).set(initial);
  faults.start();
  const outcomes = { token: 0, errors: new Map<string, number>() };
  const sign = async (client: OAuth2Client) => {
    try {
      await client.sign(new Request("https://api.example/"));
      outcomes.token++;
    } catch (error) {
      const key = error instanceof OAuthError ? error.code : `untyped: ${error}`;
      outcomes.errors.set(key, (outcomes.errors.get(key) ?? 0) + 1);
    }
  };
  const bound = (work: Promise<unknown>, what: string) => {
    let timer: ReturnType<typeof setTimeout>;
    return Promise.race([
      work,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`seed ${seed}: ${what} did not settle`)), 20_000);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  for (let round = 0; round < rounds; round++) {
    clock += (HOUR + 60) * 1000;
    const calls = clients.flatMap((client) => Array.from({ length: callers }, () => sign(client)));
    await bound(Promise.all(calls), `round ${round}`);
  }
  faults.heal();
  // Each instance once more without faults: a token it could not store is stored now.
  for (const client of clients) await bound(sign(client), "the healed use");
  const untyped = [...outcomes.errors.keys()].filter((key) => key.startsWith("untyped"));
  const report = `seed ${seed}: ${
    JSON.stringify({
      outcomes: { token: outcomes.token, errors: Object.fromEntries(outcomes.errors) },
      faults: faults.counts,
      refreshes: server.spent.size,
    })
  }`;
  assert.deepEqual(untyped, [], `every caller gets a token or an OAuthError; ${report}`);
  assert.ok(server.maxHolders <= 1, `never two holders (saw ${server.maxHolders}); ${report}`);
  assert.equal(server.reuse, 0, `no refresh token spent twice; ${report}`);
  assert.ok([...server.spent.values()].every((count) => count === 1), report);
  const stored = await scenario.stored();
  assert.equal(stored?.refresh_token, server.live, `no rotated token lost; ${report}`);
  assert.ok(server.spent.size >= 1, `at least one refresh happened; ${report}`);
  return { report, outcomes, server, faults };
}

/** The seeds every run uses, plus one new random seed (printed when its run fails). */
export function seeds(fixed: number[]): number[] {
  return [...fixed, Math.floor(Math.random() * 2 ** 31)];
}
