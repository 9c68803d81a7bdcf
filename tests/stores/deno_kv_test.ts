/**
 * DenoKvTokenStore: the lease (exclusive, renewed while held, taken over once a dead holder's
 * runs out, bounded waiting), and the proof of the runtimes issue: four separate processes
 * sharing one KV database file, 250 concurrent requests each with an expired token, against
 * oidc-provider with rotating refresh tokens and reuse detection — one refresh in all; and the
 * lease holder killed mid-refresh, after which the others still complete.
 */
import assert from "node:assert/strict";
import { OAuth2Client, OAuthError, type Token } from "../../mod.ts";
import { DenoKvTokenStore } from "../../stores/deno_kv.ts";
import { kvThrough } from "./_kv_through.ts";
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

Deno.test("a holder whose renewals fail sends nothing once it cannot prove its lease; the next holder spends the refresh token once", async () => {
  // RFC 9700 §4.14: before, a renewal meeting "database is locked" was dropped, the lease ran
  // out under a live holder, and two instances spent one rotating refresh token.
  using kv = await Deno.openKv(":memory:");
  const locked = () => Promise.reject(new Error("database is locked"));
  let renewalsFail = false;
  const failingRenewals = kvThrough(
    kv,
    (call, operation) =>
      renewalsFail && call.kind === "commit" && call.sets.some((key) => key.at(-1) === "lease")
        ? locked()
        : operation(),
  );
  const spent: string[] = [];
  let committed = 0;
  const server = (slowMs: number) => async (request: Request) => {
    const refreshToken = new URLSearchParams(await request.text()).get("refresh_token")!;
    spent.push(refreshToken);
    renewalsFail = slowMs > 0; // from now on, this holder's renewals meet a locked database
    await new Promise((resolve) => setTimeout(resolve, slowMs));
    request.signal.throwIfAborted(); // the server commits when it answers
    committed++;
    return Response.json({
      access_token: `at-${committed}`,
      token_type: "Bearer",
      refresh_token: `rt-${committed}`,
    });
  };
  const expired: Token = {
    access_token: "at-0",
    token_type: "Bearer",
    refresh_token: "rt-0",
    expires_at: 1,
  };
  await kv.set(["t"], expired);
  const client = (store: DenoKvTokenStore, fetch: (request: Request) => Promise<Response>) =>
    new OAuth2Client({ clientId: "app", tokenEndpoint: "https://as.example/token", store, fetch });
  const slow = client(
    new DenoKvTokenStore(failingRenewals, ["t"], { leaseMs: 300 }),
    server(2_000),
  );
  await assert.rejects(
    slow.sign(new Request("https://api.example/")),
    (error) => error instanceof OAuthError && error.code === "lease_lost",
  );
  assert.equal(committed, 0, "its request was ended before the server answered");
  renewalsFail = false;
  const next = client(new DenoKvTokenStore(kv, ["t"], { leaseMs: 300, waitMs: 2_000 }), server(0));
  const signed = await next.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("authorization"), "Bearer at-1");
  assert.deepEqual(spent, ["rt-0", "rt-0"], "the first never got an answer, so rt-0 was live");
  assert.equal(committed, 1);
  assert.equal((await kv.get<Token>(["t"])).value?.refresh_token, "rt-1");
});

Deno.test("a failed release does not fail locked work that succeeded; a taken-over holder's write is refused", async () => {
  using kv = await Deno.openKv(":memory:");
  let failDeletes = false;
  const flaky = kvThrough(
    kv,
    (call, operation) =>
      failDeletes && call.kind === "commit" && call.deletes.length > 0
        ? Promise.reject(new Error("gone"))
        : operation(),
  );
  const store = new DenoKvTokenStore(flaky, ["t"], { leaseMs: 300 });
  failDeletes = true;
  assert.equal(await store.withLock(() => Promise.resolve("done")), "done");
  failDeletes = false;
  await new Promise((resolve) => setTimeout(resolve, 310)); // the unreleased lease runs out
  await assert.rejects(
    store.withLock(async (lease) => {
      await kv.set(["t", "lease"], { owner: "someone else", until: Date.now() + 10_000 });
      await lease!.set(TOKEN);
    }),
    (error) => error instanceof OAuthError && error.code === "lease_lost",
  );
  assert.equal((await kv.get(["t"])).value, null, "the token was not written");
});
