/**
 * The login stores for many instances: on Deno KV (two handles on one database file), on a
 * real redis-server (two node-redis connections), and in a Durable Object (in this process
 * over in-memory storage, then under miniflare with two Workers binding it). Each spends a
 * login once, across instances and under concurrent consumes, and forgets it after expiry;
 * and a login cookie replayed to a second registry instance sharing the store is refused.
 */
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { createClient } from "redis";
import {
  DenoKvLoginStore,
  DurableObjectLoginStore,
  type LoginKvAtomicLike,
  type LoginStore,
  LoginStoreObject,
  type LoginStoreStateLike,
  OAuthRegistry,
  RedisLoginStore,
} from "../../web/mod.ts";
import { startRedis } from "../stores/_redis.ts";
import { workerdBundle } from "../_workerd_bundle.ts";

const UNTIL = () => Date.now() / 1000 + 600;

/** First consume `true`, then `false` from either store; 20 concurrent consumes: one `true`. */
async function assertSpentOnce(first: LoginStore, second: LoginStore): Promise<void> {
  assert.equal(await first.consume("login-1", UNTIL()), true);
  assert.equal(await first.consume("login-1", UNTIL()), false);
  assert.equal(await second.consume("login-1", UNTIL()), false, "from another instance");
  assert.equal(await second.consume("login-2", UNTIL()), true);
  assert.equal(await first.consume("login-2", UNTIL()), false);
  const verdicts = await Promise.all(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).consume("raced", UNTIL())),
  );
  assert.equal(verdicts.filter(Boolean).length, 1, `${verdicts}`);
  await assert.rejects(first.consume("", UNTIL()), TypeError);
  await assert.rejects(first.consume("x", NaN), TypeError);
}

Deno.test("DenoKvLoginStore spends a login once across two handles on one database, even when raced", async () => {
  const dir = await Deno.makeTempDir({ prefix: "login_store_kv_" });
  try {
    const [a, b] = [await Deno.openKv(`${dir}/kv`), await Deno.openKv(`${dir}/kv`)];
    try {
      await assertSpentOnce(
        new DenoKvLoginStore(a, ["oauth", "logins"]),
        new DenoKvLoginStore(b, ["oauth", "logins"]),
      );
      assert.equal((await a.get(["oauth", "logins", "login-1"])).value, true);
      assert.equal(
        await new DenoKvLoginStore(a, ["elsewhere"]).consume("login-1", UNTIL()),
        true,
        "prefixes are separate",
      );
    } finally {
      a.close();
      b.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("DenoKvLoginStore has KV keep a login until its expiry, and checks its arguments", async () => {
  const writes: { key: unknown; expireIn?: number }[] = [];
  const atomic: LoginKvAtomicLike = {
    check: () => atomic,
    set: (key, _value, options) => (writes.push({ key, expireIn: options?.expireIn }), atomic),
    commit: () => Promise.resolve({ ok: true }),
  };
  const now = 1_700_000_000_000;
  const store = new DenoKvLoginStore({ atomic: () => atomic }, ["l"], { now: () => now });
  await store.consume("a", now / 1000 + 600);
  await store.consume("b", now / 1000 + 0.0001);
  await store.consume("c", now / 1000 - 5);
  assert.deepEqual(writes, [
    { key: ["l", "a"], expireIn: 600_000 },
    { key: ["l", "b"], expireIn: 1 },
    { key: ["l", "c"], expireIn: 1 },
  ]);
  const failures: Error[] = [new TypeError("database is locked")];
  const flaky: LoginKvAtomicLike = {
    check: () => flaky,
    set: () => flaky,
    commit: () => failures.length ? Promise.reject(failures.shift()) : atomic.commit(),
  };
  const failing = new DenoKvLoginStore({ atomic: () => flaky }, ["l"]);
  assert.equal(await failing.consume("d", UNTIL()), true, "a busy database is tried again");
  failures.push(new Error("the disk is on fire"));
  await assert.rejects(failing.consume("e", UNTIL()), /on fire/);
  assert.throws(() => new DenoKvLoginStore({} as never, ["l"]), TypeError);
  assert.throws(() => new DenoKvLoginStore({ atomic: () => atomic }, []), TypeError);
});

Deno.test("RedisLoginStore spends a login once across two connections to redis-server, even when raced", async () => {
  await using redis = await startRedis();
  const clients = [createClient({ url: redis.url }), createClient({ url: redis.url })];
  for (const client of clients) client.on("error", () => {});
  await Promise.all(clients.map((client) => client.connect()));
  try {
    const [a, b] = clients.map((client) =>
      new RedisLoginStore((args) => client.sendCommand(args), "oauth:logins")
    );
    await assertSpentOnce(a, b);
    const command = (args: string[]) => clients[0].sendCommand(args);
    assert.equal(await command(["GET", "oauth:logins:login-1"]), "1");
    const ttl = Number(await command(["PTTL", "oauth:logins:login-1"]));
    assert.ok(ttl > 590_000 && ttl <= 600_000, `Redis forgets it at its expiry (${ttl} ms)`);
    // A login whose expiry has passed is forgotten by Redis at once.
    assert.equal(await a.consume("stale", Date.now() / 1000 - 1), true);
    assert.equal(await command(["EXISTS", "oauth:logins:stale"]), 0);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
});

Deno.test("RedisLoginStore sends SET NX PXAT and refuses a reply that is neither OK nor nil", async () => {
  const sent: string[][] = [];
  const reply: { value: unknown } = { value: "OK" };
  const store = new RedisLoginStore((args) => (sent.push(args), Promise.resolve(reply.value)), "p");
  assert.equal(await store.consume("id", 1_700_000_600.0001), true);
  assert.deepEqual(sent, [["SET", "p:id", "1", "NX", "PXAT", "1700000600001"]]);
  reply.value = null;
  assert.equal(await store.consume("id", 1_700_000_600), false);
  reply.value = 1;
  await assert.rejects(store.consume("id", 1_700_000_600), {
    code: "store_failed",
    message: /with a number, not "OK"/,
  });
  reply.value = undefined;
  await assert.rejects(store.consume("id", 1_700_000_600), { message: /with undefined, not/ });
  assert.throws(() => new RedisLoginStore("nope" as never, "p"), TypeError);
  assert.throws(() => new RedisLoginStore(() => Promise.resolve(null), ""), TypeError);
});

/** In-memory Durable Object storage: `list` walks the keys in order, as the runtime's does. */
function memoryStorage(): LoginStoreStateLike["storage"] & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => Promise.resolve(data.get(key) as T | undefined),
    put: (key, value) => Promise.resolve(void data.set(key, value)),
    delete: (key) => Promise.resolve(data.delete(key)),
    list: <T>({ start = "", end, limit = Infinity }: {
      start?: string;
      end?: string;
      limit?: number;
    }) => {
      const keys = [...data.keys()].sort().filter((key) =>
        key >= start && (end === undefined || key < end)
      );
      return Promise.resolve(
        new Map(keys.slice(0, limit).map((key) => [key, data.get(key) as T])),
      );
    },
  };
}

/** A namespace whose one object lives in this process. */
function inProcessNamespace(object: LoginStoreObject) {
  return {
    idFromName: (name: string) => name,
    get: () => ({
      fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)),
    }),
  };
}

Deno.test("DurableObjectLoginStore spends a login once through the object, from two stores, even when raced", async () => {
  const storage = memoryStorage();
  const namespace = inProcessNamespace(new LoginStoreObject({ storage }));
  await assertSpentOnce(
    new DurableObjectLoginStore(namespace, "logins"),
    new DurableObjectLoginStore(namespace, "logins"),
  );
  assert.throws(() => new DurableObjectLoginStore({} as never, "x"), TypeError);
  assert.throws(() => new DurableObjectLoginStore(namespace, ""), TypeError);
});

Deno.test("LoginStoreObject forgets expired logins a few at a time, and keeps a login spent again", async () => {
  const storage = memoryStorage();
  const object = new LoginStoreObject({ storage });
  const store = new DurableObjectLoginStore(inProcessNamespace(object), "logins");
  const past = Date.now() / 1000 - 1;
  assert.equal(await store.consume("old", past), true);
  assert.equal(await store.consume("old", UNTIL()), true, "an expired login may come again");
  assert.equal(await store.consume("old", UNTIL()), false, "and is then spent until expiry");
  for (let i = 0; i < 100; i++) assert.equal(await store.consume(`gone-${i}`, past), true);
  assert.ok(storage.data.size <= 2 * 10, `${storage.data.size} keys kept`);
  for (let i = 0; i < 10; i++) await store.consume(`live-${i}`, UNTIL());
  assert.equal(storage.data.size, 2 * 11, "only the live logins and their index remain");
  assert.equal(await store.consume("old", UNTIL()), false);

  const post = (body: string, path = "/consume") =>
    object.fetch(new Request(`https://login-store${path}`, { method: "POST", body }));
  assert.equal((await post('{"id":"x"}')).status, 400);
  assert.equal((await post("not json")).status, 400);
  assert.equal((await post('{"id":"x","expiresAt":1}', "/other")).status, 404);
  const broken = new DurableObjectLoginStore({
    idFromName: (name: string) => name,
    get: () => ({ fetch: () => Promise.resolve(new Response("no", { status: 500 })) }),
  }, "logins");
  await assert.rejects(broken.consume("x", UNTIL()), { code: "store_failed", status: 500 });
});

const STORE_WORKER = `
import { LoginStoreObject as Base } from "./web/login_stores.ts";
// The object, and a look at the keys in its storage for the test.
export class LoginStoreObject extends Base {
  constructor(state, env) {
    super(state);
    this.storage = state.storage;
  }
  async fetch(request) {
    if (new URL(request.url).pathname !== "/keys") return await super.fetch(request);
    return Response.json([...(await this.storage.list()).keys()]);
  }
}
export default { fetch: () => new Response("the login store") };
`;

const APP_WORKER = `
import { DurableObjectLoginStore } from "./web/login_stores.ts";
export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/keys") {
      return await env.LOGINS.get(env.LOGINS.idFromName("logins")).fetch("https://login-store/keys");
    }
    const { id, expiresAt } = await request.json();
    const store = new DurableObjectLoginStore(env.LOGINS, "logins");
    return Response.json({ consumed: await store.consume(id, expiresAt) });
  },
};
`;

Deno.test("under miniflare, two Workers racing to spend one login through LoginStoreObject: one wins", async () => {
  const [storeScript, appScript] = await Promise.all([
    workerdBundle({ contents: STORE_WORKER }),
    workerdBundle({ contents: APP_WORKER }),
  ]);
  const apps = ["app0", "app1"];
  const mf = new Miniflare({
    workers: [
      {
        name: "store",
        modules: true,
        script: storeScript,
        compatibilityDate: "2025-09-01",
        durableObjects: { LOGINS: "LoginStoreObject" },
      },
      ...apps.map((name) => ({
        name,
        modules: true,
        script: appScript,
        compatibilityDate: "2025-09-01",
        durableObjects: { LOGINS: { className: "LoginStoreObject", scriptName: "store" } },
      })),
    ],
  });
  try {
    const consume = async (app: string, id: string, expiresAt = UNTIL()) => {
      const worker = await mf.getWorker(app) as unknown as {
        fetch(url: string, init: RequestInit): Promise<Response>;
      };
      const response = await worker.fetch(`http://${app}.test/`, {
        method: "POST",
        body: JSON.stringify({ id, expiresAt }),
      });
      return (await response.json() as { consumed: boolean }).consumed;
    };
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => consume(apps[i % 2], "raced")),
    );
    assert.equal(verdicts.filter(Boolean).length, 1, `${verdicts}`);
    const keys = async () => {
      const worker = await mf.getWorker("app0") as unknown as {
        fetch(url: string): Promise<Response>;
      };
      return await (await worker.fetch("http://app0.test/keys")).json() as string[];
    };
    assert.equal(await consume("app0", "old", Date.now() / 1000 - 1), true);
    assert.ok((await keys()).includes("login:old"));
    assert.equal(await consume("app1", "other"), true);
    const left = await keys();
    assert.ok(!left.includes("login:old"), `the expired login swept from real storage: ${left}`);
    assert.deepEqual(left.filter((key) => key.startsWith("login:")), [
      "login:other",
      "login:raced",
    ]);
    assert.equal(await consume("app1", "old"), true);
    assert.equal(await consume("app0", "old"), false);
    assert.equal(await consume("app0", "raced"), false);
  } finally {
    await mf.dispose();
  }
});

Deno.test("a login cookie replayed to another registry instance sharing the store is state_unknown", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    let tokenRequests = 0;
    const instance = () => {
      const oauth = new OAuthRegistry({
        secret: "the login stores test's cookie secret",
        store: new DenoKvLoginStore(kv, ["oauth", "logins"]),
        fetch: () => {
          tokenRequests++;
          return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
        },
      });
      oauth.register("a", {
        clientId: "app",
        authorizationEndpoint: "https://as.example/authorize",
        tokenEndpoint: "https://as.example/token",
      });
      return oauth.client("a");
    };
    const [first, second] = [instance(), instance()];
    const start = await first.authorizeRedirect(
      new Request("https://app.example/login/a"),
      "https://app.example/callback/a",
    );
    const cookie = start.headers.getSetCookie()[0].split(";")[0];
    const state = new URL(start.headers.get("location")!).searchParams.get("state");
    const callback = () =>
      new Request(`https://app.example/callback/a?code=c&state=${state}`, {
        headers: { cookie },
      });
    assert.equal((await second.authorizeAccessToken(callback())).token.access_token, "at");
    await assert.rejects(first.authorizeAccessToken(callback()), { code: "state_unknown" });
    await assert.rejects(second.authorizeAccessToken(callback()), { code: "state_unknown" });
    assert.equal(tokenRequests, 1);
  } finally {
    kv.close();
  }
});
