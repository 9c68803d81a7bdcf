// deno-lint-ignore-file no-console -- the instance reports its outcome to the test on stdout
/**
 * One instance of an app for the Deno KV store tests, run as its own process: the burst of
 * `_burst.ts` with its token in the shared KV database. With `HANG_REFRESH=1` its token
 * requests never leave (it dies holding the lease). Prints `{"ok": n, "statuses": [...]}`
 * on its last line.
 */
import { DenoKvTokenStore } from "../../stores/deno_kv.ts";
import { burst } from "./_burst.ts";

const config = JSON.parse(Deno.env.get("INSTANCE_CONFIG")!);
const kv = await Deno.openKv(config.kvPath);
const store = new DenoKvTokenStore(kv, ["tokens", "alice"], { leaseMs: config.leaseMs });
const hang = Deno.env.get("HANG_REFRESH") === "1";
const send = (request: Request) =>
  hang && request.url === config.tokenEndpoint ? new Promise<Response>(() => {}) : fetch(request);
console.log(JSON.stringify(await burst(config, store, send)));
kv.close();
