// deno-lint-ignore-file no-console -- the instance reports its outcome to the test on stdout
/**
 * One instance of an app for the Redis store tests, run as its own process with its own
 * node-redis connection: the burst of `_burst.ts` with its token in the shared Redis. With
 * `HANG_REFRESH=1` its token requests never leave (it dies holding the lease). Prints
 * `{"ok": n, "statuses": [...]}` on its last line.
 */
import { createClient } from "redis";
import { RedisTokenStore } from "../../stores/redis.ts";
import { burst } from "./_burst.ts";

const config = JSON.parse(Deno.env.get("INSTANCE_CONFIG")!);
const redis = createClient({ url: config.redisUrl });
redis.on("error", () => {}); // a lost connection fails commands, which the store reports
await redis.connect();
const store = new RedisTokenStore((args) => redis.sendCommand(args), config.key, {
  leaseMs: config.leaseMs,
});
const hang = Deno.env.get("HANG_REFRESH") === "1";
const send = (request: Request) =>
  hang && request.url === config.tokenEndpoint ? new Promise<Response>(() => {}) : fetch(request);
console.log(JSON.stringify(await burst(config, store, send)));
await redis.close();
