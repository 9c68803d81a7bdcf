// deno-lint-ignore-file no-console -- the instance reports its outcome to the test on stdout
/**
 * One instance of an app for the Redis store tests, written as a user's app is: the package by
 * its published names (`@x/oauth`, `@x/oauth/redis`) and node-redis, in plain JavaScript. The
 * test runs it with its own runtime: Deno on the sources, Node and Bun on the built package.
 * `requests` concurrent protected requests on one client over the shared store; with
 * `HANG_REFRESH=1` its token requests never leave (it dies holding the lease). Prints
 * `{"ok": n, "statuses": [...]}` on its last line.
 */
import process from "node:process";
import { OAuth2Client } from "@x/oauth";
import { RedisTokenStore } from "@x/oauth/redis";
import { createClient } from "redis";

const config = JSON.parse(process.env.INSTANCE_CONFIG);
const redis = createClient({ url: config.redisUrl });
redis.on("error", () => {}); // a lost connection fails commands, which the store reports
await redis.connect();
const hang = process.env.HANG_REFRESH === "1";
const client = new OAuth2Client({
  clientId: config.clientId,
  issuer: config.issuer,
  tokenEndpoint: config.tokenEndpoint,
  jwksUri: config.jwksUri,
  store: new RedisTokenStore((args) => redis.sendCommand(args), config.key, {
    leaseMs: config.leaseMs,
  }),
  fetch: (request) =>
    hang && request.url === config.tokenEndpoint ? new Promise(() => {}) : fetch(request),
});
const statuses = await Promise.all(
  Array.from({ length: config.requests }, async () => {
    try {
      const response = await client.fetch(config.userinfoEndpoint);
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      return String(error);
    }
  }),
);
console.log(JSON.stringify({
  ok: statuses.filter((status) => status === 200).length,
  statuses: [...new Set(statuses)],
}));
await redis.close();
