// deno-lint-ignore-file no-console -- a benchmark reports on the console
/**
 * `npm run bench:stores`: what one refresh shared by 1,000 callers costs on each token store.
 * Each round, the token is expired and 4 clients (as 4 instances) × 250 callers sign a request
 * at once; the token endpoint answers at once, in this process, so the figures are the store's
 * and the lease's. Reported per store: refreshes per second (rounds / time) and the median and
 * 99th-percentile wait of a caller. Redis is a `redis-server` on loopback (started here); the
 * file store is on the local disk; the Durable Object runs in this process, without workerd.
 *
 * A benchmark, not a test: nothing is asserted on time.
 *
 * @module
 */
import { createClient } from "redis";
import { MemoryTokenStore, OAuth2Client, type Token } from "../mod.ts";
import { DenoKvTokenStore } from "../stores/deno_kv.ts";
import { DurableObjectTokenStore } from "../stores/durable_object.ts";
import { FileTokenStore } from "../stores/file.ts";
import { RedisTokenStore } from "../stores/redis.ts";
import type { TokenStore } from "../oauth2/token_store.ts";
import { inProcessObject } from "../tests/stores/_in_process_object.ts";
import { startRedis } from "../tests/stores/_redis.ts";

const INSTANCES = 4;
const CALLERS = 250;
const ROUNDS = 20;

interface Subject {
  name: string;
  /** A store on the shared backend, one per instance. */
  store(): TokenStore;
}

async function measure({ name, store }: Subject) {
  let clock = 1_700_000_000_000;
  let issued = 0;
  const fetch = () => {
    issued++;
    return Promise.resolve(
      Response.json({
        access_token: `at${issued}`,
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token: `rt${issued}`,
      }),
    );
  };
  const stores = Array.from({ length: INSTANCES }, () => store());
  const initial: Token = {
    access_token: "at0",
    token_type: "Bearer",
    refresh_token: "rt0",
    expires_at: clock / 1000 - 60,
  };
  await stores[0].set(initial);
  const clients = stores.map((store) =>
    new OAuth2Client({
      clientId: "app",
      tokenEndpoint: "https://as.example/token",
      store,
      now: () => clock,
      fetch,
    })
  );
  const waits: number[] = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    clock += 3_700_000;
    await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: CALLERS }, async () => {
          const asked = performance.now();
          await client.sign(new Request("https://api.example/"));
          waits.push(performance.now() - asked);
        })
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  waits.sort((a, b) => a - b);
  const at = (share: number) => waits[Math.min(waits.length - 1, Math.floor(share * waits.length))];
  return {
    store: name,
    refreshes: issued,
    "refreshes/s": Math.round(issued / seconds),
    "p50 wait ms": Number(at(0.5).toFixed(1)),
    "p99 wait ms": Number(at(0.99).toFixed(1)),
  };
}

const memory = new MemoryTokenStore();
using kv = await Deno.openKv(":memory:");
const object = inProcessObject();
const namespace = {
  idFromName: (name: string) => name,
  get: () => ({
    fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)),
  }),
};
await using redis = await startRedis();
const connection = createClient({ url: redis.url });
await connection.connect();
const command = (args: string[]): Promise<unknown> => connection.sendCommand(args);
const directory = await Deno.makeTempDir();

const results = [];
for (
  const subject of [
    { name: "MemoryTokenStore", store: () => memory },
    { name: "DenoKvTokenStore (:memory:)", store: () => new DenoKvTokenStore(kv, ["t"]) },
    {
      name: "DurableObjectTokenStore (in process)",
      store: () => new DurableObjectTokenStore(namespace, "a"),
    },
    { name: "RedisTokenStore (loopback)", store: () => new RedisTokenStore(command, "t") },
    {
      name: "FileTokenStore (local disk)",
      store: () => new FileTokenStore(`${directory}/token.json`),
    },
  ]
) {
  results.push(await measure(subject));
}
console.log(
  `${INSTANCES} instances × ${CALLERS} callers, ${ROUNDS} rounds, one expired token per round`,
);
console.table(results);
await connection.quit();
await Deno.remove(directory, { recursive: true });
