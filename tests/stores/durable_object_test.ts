/**
 * DurableObjectTokenStore under miniflare: one Worker hosts TokenStoreObject, four other
 * Workers bind it and each fire 250 concurrent protected requests with an expired token at
 * oidc-provider (rotation and reuse detection) on loopback — one refresh in all. Plus the
 * object's lease rules, called directly.
 */
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { DurableObjectTokenStore } from "../../stores/durable_object.ts";
import { workerdBundle } from "../_workerd_bundle.ts";
import { inProcessObject } from "./_in_process_object.ts";
import { burstConfig } from "./_burst.ts";
import { providerWithExpiredToken, refreshCount } from "./_expired_token.ts";

const STORE_WORKER = `
export { TokenStoreObject } from "./stores/durable_object.ts";
export default { fetch: () => new Response("the token store") };
`;

const APP_WORKER = `
import { DurableObjectTokenStore } from "./stores/durable_object.ts";
import { burst } from "./tests/stores/_burst.ts";
export default {
  async fetch(request, env) {
    const config = await request.json();
    const store = new DurableObjectTokenStore(env.TOKENS, "alice", { leaseMs: 2000 });
    if (new URL(request.url).pathname === "/seed") {
      await store.set(config.token);
      return Response.json({ ok: true });
    }
    return Response.json(await burst(config, store));
  },
};
`;

Deno.test("the object grants one lease at a time, renews and releases it only for its holder", async () => {
  const object = inProcessObject();
  const lease = (action: string, id: string) =>
    object.fetch(
      new Request(`https://token-store/lease/${action}`, {
        method: "POST",
        body: JSON.stringify({ id, leaseMs: 50 }),
      }),
    );
  assert.equal((await lease("take", "a")).status, 200);
  assert.equal((await lease("take", "b")).status, 423);
  assert.equal((await lease("release", "b")).status, 409, "only the holder releases");
  assert.equal((await lease("renew", "a")).status, 200);
  assert.equal((await lease("release", "a")).status, 200);
  assert.equal((await lease("take", "b")).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal((await lease("take", "c")).status, 200, "a lease not renewed runs out");
  const put = await object.fetch(
    new Request("https://token-store/token", { method: "PUT", body: '{"access_token":"at"}' }),
  );
  assert.equal(put.status, 200);
  assert.deepEqual(await (await object.fetch(new Request("https://token-store/token"))).json(), {
    token: { access_token: "at" },
  });
});

/** A namespace whose one object lives in this process. */
function inProcessNamespace() {
  const object = inProcessObject();
  const names: string[] = [];
  return {
    names,
    idFromName: (name: string) => (names.push(name), name),
    get: () => ({
      fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)),
    }),
  };
}

Deno.test("DurableObjectTokenStore keeps the token in the object and orders locked work through its lease", async () => {
  const namespace = inProcessNamespace();
  const [a, b] = [
    new DurableObjectTokenStore(namespace, "alice", { leaseMs: 200 }),
    new DurableObjectTokenStore(namespace, "alice", { leaseMs: 200 }),
  ];
  assert.deepEqual(namespace.names, ["alice", "alice"]);
  assert.equal(await a.get(), undefined);
  await a.set({ access_token: "at", token_type: "Bearer" });
  assert.equal((await b.get())?.access_token, "at");
  const events: string[] = [];
  const work = (name: string) => async () => {
    events.push(`${name} in`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    events.push(`${name} out`);
  };
  await Promise.all([a.withLock(work("a")), b.withLock(work("b"))]);
  assert.deepEqual(events, ["a in", "a out", "b in", "b out"]);
  await b.delete();
  assert.equal(await a.get(), undefined);

  const hog = new DurableObjectTokenStore(namespace, "alice", { leaseMs: 5000 });
  const patient = new DurableObjectTokenStore(namespace, "alice", { waitMs: 60 });
  let release!: () => void;
  const held = hog.withLock(() => new Promise<void>((resolve) => release = resolve));
  await new Promise((resolve) => setTimeout(resolve, 10));
  await assert.rejects(patient.withLock(() => Promise.resolve()), { code: "lock_timeout" });
  release();
  await held;
  assert.throws(() => new DurableObjectTokenStore({} as never, "x"), TypeError);
  assert.throws(() => new DurableObjectTokenStore(namespace, ""), TypeError);
});

Deno.test("4 Workers × 250 concurrent requests with an expired token share one refresh through the Durable Object", async () => {
  const { op: provider, token } = await providerWithExpiredToken();
  await using op = provider;

  const [storeScript, appScript] = await Promise.all([
    workerdBundle({ contents: STORE_WORKER }),
    workerdBundle({ contents: APP_WORKER }),
  ]);
  const apps = ["app0", "app1", "app2", "app3"];
  const mf = new Miniflare({
    workers: [
      {
        name: "store",
        modules: true,
        script: storeScript,
        compatibilityDate: "2025-09-01",
        durableObjects: { TOKENS: "TokenStoreObject" },
      },
      ...apps.map((name) => ({
        name,
        modules: true,
        script: appScript,
        compatibilityDate: "2025-09-01",
        durableObjects: { TOKENS: { className: "TokenStoreObject", scriptName: "store" } },
      })),
    ],
  });
  try {
    const config = { ...burstConfig(op, 250), token };
    const call = async (name: string, path: string) => {
      // Each Worker by name (routes are not honoured by every runtime miniflare runs on).
      const worker = await mf.getWorker(name) as unknown as {
        fetch(url: string, init: RequestInit): Promise<Response>;
      };
      const response = await worker.fetch(`http://${name}.test${path}`, {
        method: "POST",
        body: JSON.stringify(config),
      });
      return await response.json() as { ok: number; statuses: unknown[] };
    };
    await call("app0", "/seed");
    const results = await Promise.all(apps.map((name) => call(name, "/run")));
    assert.deepEqual(results.map((result) => result.statuses), [[200], [200], [200], [200]]);
    assert.equal(results.reduce((sum, result) => sum + result.ok, 0), 1000);
    assert.equal(refreshCount(op), 1, "one refresh for all four Workers");
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await mf.dispose();
  }
});
