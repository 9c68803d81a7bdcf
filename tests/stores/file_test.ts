/**
 * FileTokenStore: the token file (mode 0600 in a 0700 directory, written by rename so that a
 * crash or a symbolic link never harms a token), the lock file (exclusive across stores and
 * processes, renewed while held, taken over once a dead holder's runs out, bounded waiting,
 * fencing the token write), and the proof of the runtimes issue: four separate processes
 * sharing one token file, 250 concurrent requests each with an expired token, against
 * oidc-provider with rotating refresh tokens and reuse detection — one refresh in all.
 */
import assert from "node:assert/strict";
import { FileTokenStore } from "../../stores/file.ts";
import type { TokenLease } from "../../oauth2/token_store.ts";
import { burstConfig } from "./_burst.ts";
import { providerWithExpiredToken, refreshCount } from "./_expired_token.ts";

const TOKEN = { access_token: "at", token_type: "Bearer" };
const INSTANCE = new URL("./_file_instance.ts", import.meta.url).pathname;

/** A temporary directory, removed after use. */
async function tempDir(): Promise<{ path: string; [Symbol.asyncDispose](): Promise<void> }> {
  const path = await Deno.makeTempDir({ prefix: "oauth-file-store-" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

function mode(info: Deno.FileInfo): number {
  return info.mode! & 0o777;
}

/** The names in a directory, sorted. */
async function names(path: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(path))).map((entry) => entry.name).sort();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts `_file_instance.ts` in a process of its own. */
function instance(config: Record<string, unknown>): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", INSTANCE],
    env: { INSTANCE_CONFIG: JSON.stringify(config) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** The child's last line of output, once it has exited successfully. */
async function lastLine(child: Deno.ChildProcess): Promise<string> {
  const { stdout, stderr, success } = await child.output();
  assert.ok(success, new TextDecoder().decode(stderr));
  const lines = new TextDecoder().decode(stdout).trim().split("\n");
  return lines[lines.length - 1];
}

Deno.test("a token round-trips through the file, which is mode 0600 in a directory of mode 0700", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/config/tokens/alice.json`;
  const store = new FileTokenStore(path);
  assert.equal(store.path, path);
  assert.equal(await store.get(), undefined);
  await store.set(TOKEN);
  assert.deepEqual(await store.get(), TOKEN);
  assert.equal(mode(await Deno.stat(path)), 0o600);
  assert.equal(mode(await Deno.stat(`${dir.path}/config/tokens`)), 0o700);
  const newer = { ...TOKEN, access_token: "at2", refresh_token: "rt", expires_at: 1 };
  await store.set(newer);
  assert.deepEqual(await new FileTokenStore(path).get(), newer, "another store reads it too");
  assert.equal(mode(await Deno.stat(path)), 0o600);
  assert.deepEqual(await names(`${dir.path}/config/tokens`), ["alice.json"], "no temporary file");
  await store.delete();
  assert.equal(await store.get(), undefined);
  await store.delete();
  assert.throws(() => new FileTokenStore(""), TypeError);
  assert.throws(() => new FileTokenStore(path, { leaseMs: 0 }), RangeError);
  assert.throws(() => new FileTokenStore(path, { waitMs: Number.NaN }), RangeError);
});

Deno.test("an existing directory keeps its mode", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/shared`);
  await Deno.chmod(`${dir.path}/shared`, 0o751);
  await new FileTokenStore(`${dir.path}/shared/token.json`).set(TOKEN);
  assert.equal(mode(await Deno.stat(`${dir.path}/shared`)), 0o751);
});

Deno.test("a file that holds no token is store_failed, and the message never shows its content", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const store = new FileTokenStore(path);
  for (
    const content of [
      '{"access_token": "secret-in-file',
      "secret-in-file",
      "",
      "null",
      '["secret-in-file"]',
      '{"access_token": "secret-in-file"}',
      '{"access_token": "secret-in-file", "token_type": 1}',
      '{"access_token": 1, "token_type": "secret-in-file"}',
    ]
  ) {
    await Deno.writeTextFile(path, content);
    const error = await store.get().then(() => undefined, (error) => error);
    assert.equal(error?.code, "store_failed", content);
    assert.equal(error.name, "OAuthError");
    assert.ok(!error.message.includes("secret-in-file"), error.message);
    assert.ok(!String(error.cause ?? "").includes("secret-in-file"), "nor its cause");
  }
});

Deno.test("a file that cannot be read or written is store_failed", async () => {
  await using dir = await tempDir();
  // A directory where the file should be, not empty so that no runtime removes it.
  await Deno.mkdir(`${dir.path}/token.json`);
  await Deno.writeTextFile(`${dir.path}/token.json/inside`, "");
  const store = new FileTokenStore(`${dir.path}/token.json`);
  await assert.rejects(store.get(), { code: "store_failed" });
  await assert.rejects(store.set(TOKEN), { code: "store_failed" });
  await assert.rejects(store.delete(), { code: "store_failed" });
  assert.deepEqual(
    await names(dir.path),
    ["token.json"],
    "the failed write left no temporary file",
  );
});

Deno.test("a symbolic link at the path is replaced by set(), and the file it pointed to is unchanged", async () => {
  await using dir = await tempDir();
  const elsewhere = `${dir.path}/elsewhere.json`;
  await Deno.writeTextFile(elsewhere, "not to be touched\n");
  const path = `${dir.path}/token.json`;
  await Deno.symlink(elsewhere, path);
  const store = new FileTokenStore(path);
  await store.set(TOKEN);
  assert.equal(await Deno.readTextFile(elsewhere), "not to be touched\n");
  const info = await Deno.lstat(path);
  assert.ok(info.isFile && !info.isSymlink, "the link itself was replaced");
  assert.equal(mode(info), 0o600);
  assert.deepEqual(await store.get(), TOKEN);

  const dangling = `${dir.path}/dangling.json`;
  await Deno.symlink(`${dir.path}/never.json`, dangling);
  await new FileTokenStore(dangling).set(TOKEN);
  await assert.rejects(Deno.lstat(`${dir.path}/never.json`), Deno.errors.NotFound);

  await Deno.symlink(elsewhere, `${dir.path}/linked.json`);
  await new FileTokenStore(`${dir.path}/linked.json`).delete();
  assert.equal(await Deno.readTextFile(elsewhere), "not to be touched\n", "delete() unlinks");
});

Deno.test("a half-written temporary file left by a crash changes nothing", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const store = new FileTokenStore(path);
  await store.set(TOKEN);
  await Deno.writeTextFile(`${dir.path}/.token.json.crashed.tmp`, '{"access_token": "ne');
  assert.deepEqual(await store.get(), TOKEN);
  await store.set({ ...TOKEN, access_token: "at2" });
  assert.equal((await store.get())?.access_token, "at2");
});

Deno.test("a writer killed with SIGKILL at any moment leaves the old or the new token, whole", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const store = new FileTokenStore(path);
  const whole = (token: Record<string, unknown> | undefined) => {
    assert.ok(token !== undefined);
    assert.equal(token.access_token, `${token.n}:${"x".repeat(256 * 1024)}`);
  };
  const unfinished = async () =>
    (await names(dir.path)).filter((name) => /^\.token\.json\..+\.tmp$/.test(name)).length;
  // Killed again and again, until some kills have caught the writer in the middle of a write
  // (its temporary file is left behind), and the reader has read all along.
  let kills = 0;
  while (kills < 4 || (await unfinished() < 2 && kills < 40)) {
    const writer = instance({ mode: "write", path });
    const reader = writer.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let said = "";
    while (!said.includes("writing")) {
      const { value, done } = await reader.read();
      assert.ok(!done, "the writer started");
      said += value;
    }
    const until = Date.now() + Math.random() * 100;
    do whole(await store.get()); while (Date.now() < until);
    writer.kill("SIGKILL");
    assert.equal((await writer.status).signal, "SIGKILL");
    kills++;
    await reader.cancel();
    await writer.stderr.cancel();
    whole(await store.get());
  }
  assert.ok(await unfinished() >= 2, `${kills} kills never caught a write in the middle`);
});

/** A piece of locked work that records when it runs. */
function recorder(events: string[]) {
  return (name: string, ms: number) => async () => {
    events.push(`${name} in`);
    await sleep(ms);
    events.push(`${name} out`);
  };
}

Deno.test("two stores on one file never run locked work at the same time, and the lock is renewed", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const [a, b] = [
    new FileTokenStore(path, { leaseMs: 150 }),
    new FileTokenStore(path, { leaseMs: 150 }),
  ];
  const events: string[] = [];
  const work = recorder(events);
  // a holds the lock for three lease lengths: only renewal keeps b out.
  await Promise.all([
    a.withLock(work("a", 450)),
    sleep(10).then(() => b.withLock(work("b", 5))),
  ]);
  assert.deepEqual(events, ["a in", "a out", "b in", "b out"]);
  await assert.rejects(Deno.lstat(`${path}.lock`), Deno.errors.NotFound, "released");
  assert.deepEqual(await names(dir.path), [], "no lock or temporary file is left behind");
});

Deno.test("four processes never run locked work at the same time, nor when they all take over a dead holder's lock", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const log = `${dir.path}/log.txt`;
  // A dead holder's lock that runs out once all four are waiting for it.
  await Deno.writeTextFile(
    `${path}.lock`,
    JSON.stringify({ owner: "dead", until: Date.now() + 400 }),
  );
  const config = { mode: "lock", path, log, rounds: 15, holdMs: 3 };
  const lines = await Promise.all([0, 1, 2, 3].map(() => lastLine(instance(config))));
  assert.deepEqual(lines, ["done", "done", "done", "done"]);
  const events = (await Deno.readTextFile(log)).trim().split("\n");
  assert.equal(events.length, 120);
  const holders = new Set<string>();
  for (let i = 0; i < events.length; i += 2) {
    const [pid, step] = events[i].split(" ");
    assert.equal(step, "in", `line ${i}`);
    assert.equal(events[i + 1], `${pid} out`, `nobody else ran inside ${pid}'s hold`);
    holders.add(pid);
  }
  assert.equal(holders.size, 4);
  assert.deepEqual(await names(dir.path), ["log.txt"], "no lock file is left behind");
});

Deno.test("a lock left by a dead holder is taken once it runs out; waiting is bounded", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const store = new FileTokenStore(path, { leaseMs: 100, waitMs: 300 });
  const started = Date.now();
  await Deno.writeTextFile(`${path}.lock`, JSON.stringify({ owner: "dead", until: started + 150 }));
  assert.equal(await store.withLock(() => Promise.resolve("mine")), "mine");
  assert.ok(Date.now() - started >= 150, "not before the dead holder's lock ran out");

  // A creator that died before writing its lock file: dated by the file.
  await Deno.writeTextFile(`${path}.lock`, "");
  await Deno.utime(`${path}.lock`, new Date(), new Date(Date.now() - 1_000));
  assert.equal(await store.withLock(() => Promise.resolve("mine again")), "mine again");

  // A process that died taking over a dead holder's lock.
  const past = JSON.stringify({ owner: "dead", until: Date.now() - 1 });
  await Deno.writeTextFile(`${path}.lock`, past);
  await Deno.writeTextFile(`${path}.lock.takeover`, past);
  assert.equal(await store.withLock(() => Promise.resolve("taken over")), "taken over");
  assert.deepEqual(await names(dir.path), [], "both were removed");

  await Deno.writeTextFile(`${path}.lock`, JSON.stringify({ owner: "stuck", until: 1e15 }));
  const waiting = Date.now();
  await assert.rejects(store.withLock(() => Promise.resolve("never")), { code: "lock_timeout" });
  assert.ok(Date.now() - waiting < 1_000, "the wait is bounded by waitMs");
  assert.match(await Deno.readTextFile(`${path}.lock`), /"stuck"/, "a live lock is left alone");
});

Deno.test("a holder whose lock file names another owner gets lease_lost, and the token file is unchanged", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  const store = new FileTokenStore(path, { leaseMs: 300 });
  await store.set(TOKEN);
  const before = await Deno.readTextFile(path);
  const other = JSON.stringify({ owner: "other", until: Date.now() + 60_000 });
  let held: TokenLease | undefined;
  await store.withLock(async (lease) => {
    held = lease;
    assert.ok(lease !== undefined);
    await lease.set({ ...TOKEN, access_token: "written while held" });
    assert.equal((await store.get())?.access_token, "written while held");
    await store.set(TOKEN);
    // Another process took the lock (as it may once this holder has stalled past its end).
    await Deno.writeTextFile(`${path}.lock`, other);
    await assert.rejects(lease.set({ ...TOKEN, access_token: "late" }), { code: "lease_lost" });
    assert.ok(lease.signal.aborted);
    assert.throws(() => lease.check(), { code: "lease_lost" });
  });
  assert.equal(await Deno.readTextFile(path), before, "the token file is unchanged");
  assert.equal(await Deno.readTextFile(`${path}.lock`), other, "release left the other's lock");
  assert.deepEqual(
    await names(dir.path),
    ["token.json", "token.json.lock"],
    "the refused write left no temporary file",
  );
  await assert.rejects(held!.set(TOKEN), { code: "lease_lost" }, "nor after the work ended");
});

Deno.test("a holder learns at its next renewal that another owner holds the lock", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/token.json`;
  // Renewed every 500 ms; by its own clock alone the holder would stop sending at 750 ms.
  const store = new FileTokenStore(path, { leaseMs: 1500 });
  await store.withLock(async (lease) => {
    await Deno.writeTextFile(
      `${path}.lock`,
      JSON.stringify({ owner: "other", until: Date.now() + 60_000 }),
    );
    await sleep(650);
    assert.ok(lease!.signal.aborted);
    assert.throws(() => lease!.check(), {
      code: "lease_lost",
      message: /another instance holds it/,
    });
  });
});

Deno.test("4 processes sharing one token file × 250 concurrent requests with an expired token: 1 refresh, 1,000 successes", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/tokens/alice.json`;
  const { op, token } = await providerWithExpiredToken();
  await using _op = op;
  await new FileTokenStore(path).set(token);
  const config = { ...burstConfig(op, 250), mode: "burst", path, leaseMs: 1500 };
  const lines = await Promise.all([0, 1, 2, 3].map(() => lastLine(instance(config))));
  const results = lines.map((line) => JSON.parse(line) as { ok: number; statuses: unknown[] });
  assert.deepEqual(results.map((result) => result.statuses), [[200], [200], [200], [200]]);
  assert.equal(results.reduce((sum, result) => sum + result.ok, 0), 1000);
  assert.equal(refreshCount(op), 1, "one refresh for all four processes");
  assert.deepEqual(op.serverErrors, []);
  const saved = await new FileTokenStore(path).get();
  assert.notEqual(saved?.access_token, token.access_token, "the refreshed token was saved");
  assert.notEqual(saved?.refresh_token, token.refresh_token, "with the rotated refresh token");
});

Deno.test("the lock holder killed mid-refresh: the others take over once its lock runs out, nothing is lost", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/tokens/alice.json`;
  const { op, token } = await providerWithExpiredToken();
  await using _op = op;
  await new FileTokenStore(path).set(token);
  const config = { ...burstConfig(op, 250), mode: "burst", path, leaseMs: 1000 };
  const doomed = instance({ ...config, requests: 10, hangRefresh: true });
  while (await Deno.lstat(`${path}.lock`).then(() => false, () => true)) await sleep(10);
  const others = [0, 1, 2].map(() => instance(config));
  doomed.kill("SIGKILL");
  await doomed.status;
  await doomed.stdout.cancel();
  await doomed.stderr.cancel();
  const results = (await Promise.all(others.map(lastLine))).map((line) => JSON.parse(line));
  assert.equal(
    results.reduce((sum, result) => sum + result.ok, 0),
    750,
    JSON.stringify(results.map((result) => result.statuses)),
  );
  assert.equal(refreshCount(op), 1, "the dead holder never spent the refresh token");
});
