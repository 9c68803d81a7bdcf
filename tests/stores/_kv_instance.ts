// deno-lint-ignore-file no-console -- the instance reports its outcome to the test on stdout
/**
 * One instance of an app for the Deno KV store tests, run as its own process: an OAuth2Client
 * whose token is in the shared KV database, firing `REQUESTS` concurrent protected requests at
 * userinfo. With `HANG_REFRESH=1` its token requests never leave (it dies holding the lease).
 * Prints `{"ok": n, "statuses": [...]}` on its last line.
 */
import { OAuth2Client } from "../../mod.ts";
import { DenoKvTokenStore } from "../../stores/deno_kv.ts";
import { burst } from "./_burst.ts";

const config = JSON.parse(Deno.env.get("INSTANCE_CONFIG")!);
const kv = await Deno.openKv(config.kvPath);
const store = new DenoKvTokenStore(kv, ["tokens", "alice"], { leaseMs: config.leaseMs });
const hang = Deno.env.get("HANG_REFRESH") === "1";
const client = new OAuth2Client({
  clientId: config.clientId,
  issuer: config.issuer,
  tokenEndpoint: config.tokenEndpoint,
  jwksUri: config.jwksUri,
  store,
  fetch: (request) =>
    hang && request.url === config.tokenEndpoint ? new Promise(() => {}) : fetch(request),
});
console.log(JSON.stringify(await burst(client, config.userinfoEndpoint, config.requests)));
kv.close();
