// deno-lint-ignore-file no-console -- the instance reports to the test on stdout
/**
 * One process of the file store tests, told what to do by `INSTANCE_CONFIG` (JSON):
 *
 * - `{ mode: "burst", path, leaseMs, hangRefresh?, ...burstConfig }`: the burst of
 *   `_burst.ts` with its token in the shared file; prints `{"ok": n, "statuses": [...]}` on
 *   its last line. With `hangRefresh` its token requests never leave (it dies holding the
 *   lock).
 * - `{ mode: "lock", path, log, rounds, holdMs }`: takes the lock `rounds` times, appending
 *   `<pid> in` and `<pid> out` to `log` around each hold; prints `done`.
 * - `{ mode: "write", path }`: writes ever new large tokens until it is killed; prints
 *   `writing` once the first one is written.
 */
import { FileTokenStore } from "../../stores/file.ts";
import { burst } from "./_burst.ts";

const config = JSON.parse(Deno.env.get("INSTANCE_CONFIG")!);
const store = new FileTokenStore(config.path, { leaseMs: config.leaseMs });

if (config.mode === "burst") {
  const send = (request: Request) =>
    config.hangRefresh && request.url === config.tokenEndpoint
      ? new Promise<Response>(() => {})
      : fetch(request);
  console.log(JSON.stringify(await burst(config, store, send)));
} else if (config.mode === "lock") {
  const note = (line: string) =>
    Deno.writeTextFile(config.log, `${Deno.pid} ${line}\n`, { append: true });
  for (let round = 0; round < config.rounds; round++) {
    await store.withLock(async () => {
      await note("in");
      await new Promise((resolve) => setTimeout(resolve, config.holdMs));
      await note("out");
    });
  }
  console.log("done");
} else if (config.mode === "write") {
  for (let n = 0;; n++) {
    const access_token = `${n}:${"x".repeat(256 * 1024)}`;
    await store.set({ access_token, token_type: "Bearer", n });
    if (n === 0) console.log("writing");
  }
}
