/**
 * DenoKvTokenStore: the lease (exclusive, renewed while held, taken over once a dead holder's
 * runs out, bounded waiting), and the proof of the runtimes issue: four separate processes
 * sharing one KV database file, 250 concurrent requests each with an expired token, against
 * oidc-provider with rotating refresh tokens and reuse detection — one refresh in all; and the
 * lease holder killed mid-refresh, after which the others still complete.
 */
import assert from "node:assert/strict";
import { DenoKvTokenStore } from "../../stores/deno_kv.ts";
import type { OidcTestProvider } from "../oauth2/_oidc_provider.ts";
import { burstConfig } from "./_burst.ts";
import { providerWithExpiredToken, refreshCount } from "./_expired_token.ts";

const TOKEN = { access_token: "at", token_type: "Bearer" };

Deno.test("the store keeps one token at its key and forgets it", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new DenoKvTokenStore(kv, ["t", 1]);
  assert.equal(await store.get(), undefined);
  await store.set(TOKEN);
  assert.deepEqual(await store.get(), TOKEN);
  await store.delete();
  assert.equal(await store.get(), undefined);
  assert.throws(() => new DenoKvTokenStore(kv, []), TypeError);
  assert.throws(() => new DenoKvTokenStore(kv, ["t"], { leaseMs: 0 }), RangeError);
});

Deno.test("two stores on one database never run locked work at the same time, and the lease is renewed", async () => {
  using kv = await Deno.openKv(":memory:");
  const [a, b] = [
    new DenoKvTokenStore(kv, ["t"], { leaseMs: 60 }),
    new DenoKvTokenStore(kv, ["t"], { leaseMs: 60 }),
  ];
  const events: string[] = [];
  const work = (name: string, ms: number) => async () => {
    events.push(`${name} in`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push(`${name} out`);
  };
  // a holds the lease for three lease lengths: only renewal keeps b out.
  await Promise.all([
    a.withLock(work("a", 180)),
    new Promise((r) => setTimeout(r, 10)).then(() => b.withLock(work("b", 5))),
  ]);
  assert.deepEqual(events, ["a in", "a out", "b in", "b out"]);
  assert.equal((await kv.get(["t", "lease"])).value, null, "released");
});

Deno.test("a lease left by a dead holder is taken once it runs out; waiting is bounded", async () => {
  using kv = await Deno.openKv(":memory:");
  let now = 1_000_000;
  const store = new DenoKvTokenStore(kv, ["t"], { leaseMs: 100, waitMs: 500, now: () => now });
  await kv.set(["t", "lease"], { owner: "dead", until: now + 100 });
  const waiting = store.withLock(() => Promise.resolve("mine"));
  await new Promise((resolve) => setTimeout(resolve, 60));
  now += 101;
  assert.equal(await waiting, "mine");
  await kv.set(["t", "lease"], { owner: "stuck", until: now + 10_000 });
  const stuck = store.withLock(() => Promise.resolve("never"));
  now += 600;
  await assert.rejects(stuck, { code: "lock_timeout" });
});

/** oidc-provider, and the KV file holding an expired token with a refresh token. */
async function setup(kvPath: string) {
  const { op, token } = await providerWithExpiredToken();
  const kv = await Deno.openKv(kvPath);
  await kv.set(["tokens", "alice"], token);
  kv.close();
  return op;
}

function instance(
  op: OidcTestProvider,
  kvPath: string,
  requests: number,
  env: Record<string, string> = {},
) {
  const config = { ...burstConfig(op, requests), kvPath, leaseMs: 1500 };
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-kv", new URL("./_kv_instance.ts", import.meta.url).pathname],
    env: { ...env, INSTANCE_CONFIG: JSON.stringify(config) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function outcome(child: Deno.ChildProcess): Promise<{ ok: number; statuses: unknown[] }> {
  const { stdout, stderr, success } = await child.output();
  const lines = new TextDecoder().decode(stdout).trim().split("\n");
  assert.ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(lines[lines.length - 1]);
}

Deno.test("4 processes × 250 concurrent requests with an expired token: 1 refresh, 1,000 successes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kvPath = `${dir}/tokens.db`;
    await using op = await setup(kvPath);
    const results = await Promise.all([0, 1, 2, 3].map(() => outcome(instance(op, kvPath, 250))));
    assert.deepEqual(results.map((result) => result.statuses), [[200], [200], [200], [200]]);
    assert.equal(results.reduce((sum, result) => sum + result.ok, 0), 1000);
    assert.equal(refreshCount(op), 1, "one refresh for all four processes");
    assert.deepEqual(op.serverErrors, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the lease holder killed mid-refresh: the others take over once its lease runs out, nothing is lost", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kvPath = `${dir}/tokens.db`;
    await using op = await setup(kvPath);
    const doomed = instance(op, kvPath, 10, { HANG_REFRESH: "1" });
    const kv = await Deno.openKv(kvPath);
    try {
      while ((await kv.get(["tokens", "alice", "lease"])).value === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      kv.close();
    }
    const others = [0, 1, 2].map(() => instance(op, kvPath, 250));
    doomed.kill("SIGKILL");
    await doomed.status;
    await doomed.stdout.cancel();
    await doomed.stderr.cancel();
    const results = await Promise.all(others.map(outcome));
    assert.equal(
      results.reduce((sum, result) => sum + result.ok, 0),
      750,
      JSON.stringify(results.map((r) => r.statuses)),
    );
    assert.equal(refreshCount(op), 1, "the dead holder never spent the refresh token");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
