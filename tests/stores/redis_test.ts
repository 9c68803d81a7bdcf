/**
 * RedisTokenStore against a real redis-server, through node-redis: the token at its key, the
 * lease (exclusive, renewed while held, taken over once Redis expires a dead holder's, bounded
 * waiting), the fenced write, commands that hang or fail, and the proof of the runtimes issue:
 * four processes × 250 concurrent requests with an expired token against oidc-provider with
 * rotating refresh tokens — one refresh in all; the lease holder killed mid-refresh; and Redis
 * restarted while instances wait for the lease.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import process from "node:process";
import { createClient } from "redis";
import { OAuth2Client, OAuthError, type Token } from "../../mod.ts";
import { RedisTokenStore } from "../../stores/redis.ts";
import type { OidcTestProvider } from "../oauth2/_oidc_provider.ts";
import { burstConfig } from "./_burst.ts";
import { providerWithExpiredToken, refreshCount } from "./_expired_token.ts";
import { type RedisServer, startRedis } from "./_redis.ts";

const TOKEN: Token = { access_token: "at", token_type: "Bearer" };
const NEW_TOKEN: Token = { access_token: "at-2", token_type: "Bearer", refresh_token: "rt-2" };

/** A node-redis connection of its own, and the `command` a store is given for it. */
async function connect(redis: RedisServer) {
  const client = createClient({ url: redis.url });
  // A lost connection is reported through the commands it fails; the event needs a listener.
  client.on("error", () => {});
  await client.connect();
  return {
    command: (args: string[]): Promise<unknown> => client.sendCommand(args),
    [Symbol.asyncDispose]: () => Promise.resolve(client.destroy()),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("the store keeps one token as JSON at its key and forgets it", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const { command } = connection;
  const store = new RedisTokenStore(command, "t:1");
  assert.equal(await store.get(), undefined);
  await store.set(TOKEN);
  assert.equal(await command(["GET", "t:1"]), JSON.stringify(TOKEN));
  assert.deepEqual(await store.get(), TOKEN);
  await store.delete();
  assert.equal(await store.get(), undefined);
  assert.equal(await command(["EXISTS", "t:1"]), 0);
});

Deno.test("the store refuses a wrong command, key, option or token", async () => {
  const command = () => Promise.resolve(null);
  assert.throws(() => new RedisTokenStore(undefined as never, "t"), TypeError);
  assert.throws(() => new RedisTokenStore(command, ""), TypeError);
  assert.throws(() => new RedisTokenStore(command, ["t"] as never), TypeError);
  assert.throws(() => new RedisTokenStore(command, "t", { leaseMs: 0 }), RangeError);
  assert.throws(() => new RedisTokenStore(command, "t", { waitMs: Number.NaN }), RangeError);
  assert.throws(() => new RedisTokenStore(command, "t", { leaseMs: Infinity }), RangeError);
  const store = new RedisTokenStore(command, "t");
  await assert.rejects(store.set({ access_token: "at" } as Token), TypeError);
});

Deno.test("a value at the key that is not a token is store_failed, and the error does not quote it", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const store = new RedisTokenStore(connection.command, "t");
  for (const value of ["secret-not-json", '"secret"', '{"access_token":"secret"}', "[1]"]) {
    await connection.command(["SET", "t", value]);
    const error = await store.get().then(() => undefined, (error) => error);
    assert.ok(error instanceof OAuthError, String(error));
    assert.equal(error.code, "store_failed");
    assert.equal(error.cause, undefined, "JSON.parse's message would quote the value");
    assert.doesNotMatch(error.message, /secret/);
  }
});

Deno.test("two stores on one key never run locked work at the same time, and the lease is renewed", async () => {
  await using redis = await startRedis();
  await using first = await connect(redis);
  await using second = await connect(redis);
  const [a, b] = [
    // 300 ms, renewed every 100: at 60 ms one clean-clone CI run stalled past a renewal and b
    // took the lapsed lease while a's work still ran (a's signal aborts then; its writes are
    // refused, as other tests show). The lease is long enough here to prove renewal itself.
    new RedisTokenStore(first.command, "t", { leaseMs: 300 }),
    new RedisTokenStore(second.command, "t", { leaseMs: 300 }),
  ];
  const events: string[] = [];
  const work = (name: string, ms: number) => async () => {
    events.push(`${name} in`);
    await pause(ms);
    events.push(`${name} out`);
  };
  // a holds the lease for three lease lengths: only renewal keeps b out.
  await Promise.all([
    a.withLock(work("a", 900)),
    pause(10).then(() => b.withLock(work("b", 5))),
  ]);
  assert.deepEqual(events, ["a in", "a out", "b in", "b out"]);
  assert.equal(await first.command(["EXISTS", "t:lease"]), 0, "released");
});

Deno.test("a lease left by a dead holder is taken once Redis expires it; waiting is bounded", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const store = new RedisTokenStore(connection.command, "t", { leaseMs: 100, waitMs: 300 });
  await connection.command(["SET", "t:lease", "dead", "PX", "200"]);
  let started = performance.now();
  assert.equal(await store.withLock(() => Promise.resolve("mine")), "mine");
  assert.ok(performance.now() - started >= 150, "waited for the dead holder's lease");

  await connection.command(["SET", "t:lease", "stuck", "PX", "10000"]);
  started = performance.now();
  await assert.rejects(store.withLock(() => Promise.resolve("never")), { code: "lock_timeout" });
  const waited = performance.now() - started;
  assert.ok(waited >= 300 && waited < 1000, `waited ${waited} ms`);
  assert.equal(await connection.command(["GET", "t:lease"]), "stuck", "left to its holder");
});

Deno.test("a holder whose lease was taken over gets lease_lost from its fenced write, and the token is unchanged", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const { command } = connection;
  const store = new RedisTokenStore(command, "t", { leaseMs: 1000 });
  await store.set(TOKEN);
  await store.withLock(async (lease) => {
    assert.ok(lease);
    await command(["DEL", "t:lease"]);
    await command(["SET", "t:lease", "other", "PX", "10000"]);
    await assert.rejects(lease.set(NEW_TOKEN), { code: "lease_lost" });
    assert.ok(lease.signal.aborted);
    assert.throws(() => lease.check(), { code: "lease_lost" });
  });
  assert.deepEqual(await store.get(), TOKEN);
  assert.equal(await command(["GET", "t:lease"]), "other", "the release left the new holder's");
});

Deno.test("the holder's fenced write keeps the token while the lease is its own", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const store = new RedisTokenStore(connection.command, "t", { leaseMs: 1000 });
  await store.set(TOKEN);
  await store.withLock(async (lease) => {
    await lease!.set(NEW_TOKEN);
    assert.equal(lease!.signal.aborted, false);
  });
  assert.deepEqual(await store.get(), NEW_TOKEN);
});

Deno.test("replies given as text or bytes, as other clients and REST APIs give them, work like node-redis's", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const asText = async (args: string[]) => {
    const reply = await connection.command(args);
    return typeof reply === "number" ? String(reply) : reply;
  };
  const asBytes = async (args: string[]) => {
    const reply = await asText(args);
    return typeof reply === "string" ? new TextEncoder().encode(reply) : reply;
  };
  for (const command of [asText, asBytes]) {
    const store = new RedisTokenStore(command, "t", { leaseMs: 60 });
    await store.set(TOKEN);
    await store.withLock(async (lease) => {
      await pause(100); // a renewal or two, answered "1"
      await lease!.set(NEW_TOKEN);
    });
    assert.deepEqual(await store.get(), NEW_TOKEN);
    assert.equal(await connection.command(["EXISTS", "t:lease"]), 0, "released");
  }
});

Deno.test("a command that hangs is store_failed within the lease's length, not a hang", async () => {
  const hang = () => new Promise<never>(() => {});
  const store = new RedisTokenStore(hang, "t", { leaseMs: 100 });
  for (const operation of [() => store.get(), () => store.withLock(() => Promise.resolve())]) {
    const started = performance.now();
    await assert.rejects(operation(), { code: "store_failed" });
    assert.ok(performance.now() - started < 1000);
  }
});

Deno.test("a command that fails is store_failed, and no error carries the token", async () => {
  // Some clients put the command's arguments in their errors.
  const failing = (args: string[]) => Promise.reject(new Error(`ERR in ${args.join(" ")}`));
  const throwing = (): Promise<unknown> => {
    throw new Error("not connected");
  };
  const secret: Token = { access_token: "secret-access-token", token_type: "Bearer" };
  for (const command of [failing, throwing]) {
    const store = new RedisTokenStore(command, "t");
    for (const operation of [() => store.get(), () => store.set(secret), () => store.delete()]) {
      const error = await operation().then(() => undefined, (error) => error);
      assert.ok(error instanceof OAuthError, String(error));
      assert.equal(error.code, "store_failed");
      assert.doesNotMatch(`${error.message} ${error.cause}`, /secret/);
    }
  }
  const get = await new RedisTokenStore(failing, "t").get().catch((error) => error);
  assert.match(String(get.cause), /ERR in GET t/, "kept as the cause when it carries no token");
});

Deno.test("a release that fails or hangs does not fail work that succeeded", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  const isRelease = (args: string[]) => args[0] === "EVAL" && args[1].includes("'DEL'");
  const failing = (args: string[]) =>
    isRelease(args) ? Promise.reject(new Error("connection lost")) : connection.command(args);
  const hanging = (args: string[]) =>
    isRelease(args) ? new Promise<never>(() => {}) : connection.command(args);
  const failed = new RedisTokenStore(failing, "t", { leaseMs: 1000 });
  assert.equal(await failed.withLock(() => Promise.resolve("done")), "done");
  assert.equal(await connection.command(["EXISTS", "t:lease"]), 1, "left to run out");
  await connection.command(["DEL", "t:lease"]);
  const hung = new RedisTokenStore(hanging, "t", { leaseMs: 100 });
  const started = performance.now();
  assert.equal(await hung.withLock(() => Promise.resolve("done")), "done");
  assert.ok(performance.now() - started < 1000, "the release is bounded by the lease");
});

Deno.test("a take that reaches Redis after its caller gave up is released right behind it", async () => {
  await using redis = await startRedis();
  await using connection = await connect(redis);
  // A client that queues commands while disconnected, and sends them in order once back.
  let reconnect!: () => void;
  const reconnected = new Promise<void>((resolve) => reconnect = resolve);
  const sent: Promise<unknown>[] = [];
  const queued = (args: string[]) => {
    const reply = reconnected.then(() => connection.command(args));
    sent.push(reply);
    return reply;
  };
  const store = new RedisTokenStore(queued, "t", { leaseMs: 200 });
  await assert.rejects(store.withLock(() => Promise.resolve()), { code: "store_failed" });
  reconnect();
  assert.deepEqual(await Promise.all(sent), ["OK", 1], "the late SET NX, then its release");
  assert.equal(await connection.command(["EXISTS", "t:lease"]), 0);
});

/** oidc-provider, and Redis holding an expired token with a refresh token at `KEY`. */
const KEY = "tokens:alice";
async function setup(redis: RedisServer) {
  const { op, token } = await providerWithExpiredToken();
  await using connection = await connect(redis);
  await connection.command(["SET", KEY, JSON.stringify(token)]);
  return { op, token };
}

/**
 * An instance as its own process of the runtime running this test: Deno runs the sources,
 * Node and Bun the built package, each resolving `@x/oauth` as a user's app does.
 */
function instance(
  op: OidcTestProvider,
  redis: RedisServer,
  requests: number,
  env: Record<string, string> = {},
) {
  const config = { ...burstConfig(op, requests), redisUrl: redis.url, key: KEY, leaseMs: 1500 };
  // The path from the working directory: the suites of other runtimes run a bundle of this file.
  const script = join(process.cwd(), "tests", "stores", "_redis_instance.mjs");
  const child = spawn(process.execPath, process.versions.deno ? ["run", "-A", script] : [script], {
    env: { ...process.env, ...env, INSTANCE_CONFIG: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => stdout += chunk);
  child.stderr.on("data", (chunk) => stderr += chunk);
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  return { kill: () => child.kill("SIGKILL"), exited, output: () => ({ stdout, stderr }) };
}

async function outcome(
  child: ReturnType<typeof instance>,
): Promise<{ ok: number; statuses: unknown[] }> {
  const code = await child.exited;
  const { stdout, stderr } = child.output();
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

Deno.test("4 processes × 250 concurrent requests with an expired token: 1 refresh, 1,000 successes", async () => {
  await using redis = await startRedis();
  const { op } = await setup(redis);
  await using _op = op;
  const results = await Promise.all([0, 1, 2, 3].map(() => outcome(instance(op, redis, 250))));
  assert.deepEqual(results.map((result) => result.statuses), [[200], [200], [200], [200]]);
  assert.equal(results.reduce((sum, result) => sum + result.ok, 0), 1000);
  assert.equal(refreshCount(op), 1, "one refresh for all four processes");
  assert.deepEqual(op.serverErrors, []);
});

Deno.test("the lease holder killed mid-refresh: the others take over once Redis expires its lease, nothing is lost", async () => {
  await using redis = await startRedis();
  const { op } = await setup(redis);
  await using _op = op;
  await using connection = await connect(redis);
  const doomed = instance(op, redis, 10, { HANG_REFRESH: "1" });
  while (await connection.command(["EXISTS", `${KEY}:lease`]) === 0) await pause(20);
  const others = [0, 1, 2].map(() => instance(op, redis, 250));
  doomed.kill();
  await doomed.exited;
  const results = await Promise.all(others.map(outcome));
  assert.equal(
    results.reduce((sum, result) => sum + result.ok, 0),
    750,
    JSON.stringify(results.map((r) => r.statuses)),
  );
  assert.equal(refreshCount(op), 1, "the dead holder never spent the refresh token");
});

/**
 * Three instances (each its own node-redis connection) × 20 requests with an expired token;
 * the lease holder's refresh waits while Redis is down for `outageMs` and until it is back,
 * with leases of `leaseMs`.
 * Redis keeps its data in an append-only file, so the token and the lease survive the restart.
 */
async function restartMidRun(outageMs: number, leaseMs: number) {
  await using redis = await startRedis({ persist: true });
  const { op, token } = await setup(redis);
  await using _op = op;
  let refreshing!: () => void;
  const refreshSent = new Promise<void>((resolve) => refreshing = resolve);
  let resume!: () => void;
  const restarted = new Promise<void>((resolve) => resume = resolve);
  const send = async (request: Request) => {
    if (request.url === op.tokenEndpoint) {
      refreshing();
      await restarted;
    }
    return await fetch(request);
  };
  await using a = await connect(redis);
  await using b = await connect(redis);
  await using c = await connect(redis);
  const config = burstConfig(op, 20);
  const outcomes = Promise.all([a, b, c].map(async ({ command }) => {
    const client = new OAuth2Client({
      clientId: config.clientId,
      issuer: config.issuer,
      tokenEndpoint: config.tokenEndpoint,
      jwksUri: config.jwksUri,
      store: new RedisTokenStore(command, KEY, { leaseMs, waitMs: 4000 }),
      fetch: send,
    });
    return await Promise.all(Array.from({ length: config.requests }, async () => {
      try {
        const response = await client.fetch(config.userinfoEndpoint);
        await response.body?.cancel();
        return response.status;
      } catch (error) {
        return error instanceof OAuthError ? error.code : `untyped: ${error}`;
      }
    }));
  }));
  await refreshSent;
  await pause(100); // the others poll for the lease meanwhile
  await redis.stop();
  await pause(outageMs);
  await redis.restart();
  resume();
  const seen = [...new Set((await outcomes).flat())];
  for (const status of seen) {
    assert.ok(
      status === 200 || ["store_failed", "lock_timeout", "lease_lost"].includes(status as string),
      `every caller gets a token or a typed store error, got ${seen}`,
    );
  }
  assert.ok(refreshCount(op) <= 1, "the refresh token was spent at most once");
  if (seen.includes(200)) assert.equal(refreshCount(op), 1);
  await using check = await connect(redis);
  const stored = JSON.parse(await check.command(["GET", KEY]) as string) as Token;
  assert.equal(
    stored.access_token !== token.access_token,
    refreshCount(op) === 1,
    "the store holds the rotated token exactly when the refresh was spent",
  );
  assert.deepEqual(op.serverErrors, []);
  return seen;
}

Deno.test("Redis restarted while instances wait for the lease: the holder keeps its lease and the one refresh reaches the store", async () => {
  // A waiter whose command was on the wire when Redis went down gets store_failed.
  const seen = await restartMidRun(300, 3000);
  assert.ok(seen.includes(200), String(seen));
});

Deno.test("Redis down for longer than the lease: every caller gets a token or a typed error, and the refresh token is spent at most once", async () => {
  await restartMidRun(1500, 1000);
});

Deno.test("a reply no Redis gives is store_failed, named by its type", async () => {
  for (const [reply, kind] of [[{}, "an object"], [7, "a number"], [[1], "an array"]] as const) {
    const store = new RedisTokenStore(() => Promise.resolve(reply), "t");
    await assert.rejects(store.get(), {
      code: "store_failed",
      message: new RegExp(`the reply to GET was not what Redis answers: got ${kind}$`),
    });
  }
});
