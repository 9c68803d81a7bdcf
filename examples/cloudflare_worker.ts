/**
 * The login app of `login_app.ts` as a Cloudflare Worker. The configuration comes from the
 * Worker's bindings, with the names of `deno_deploy.ts` (`OAUTH_CLIENT_ID`, …, with
 * `OAUTH_CLIENT_SECRET` and `COOKIE_SECRET` as secrets: `wrangler secret put COOKIE_SECRET`).
 * The handler is built once per isolate and bindings object. The token stays in the sealed
 * session cookie (Workers KV is eventually consistent: a session deleted at logout could still
 * be read elsewhere for a minute; keep server-side sessions in a Durable Object instead).
 * Failures go to the Worker's log (`wrangler tail`).
 *
 * @module
 */
import { configFromEnv, loginApp } from "./login_app.ts";

type Env = Record<string, string | undefined>;

const apps = new WeakMap<Env, (request: Request) => Promise<Response>>();

/** Logs a failure to the console, which is the Worker's log; not being logged in is none. */
function logError(error: unknown, request: Request): void {
  if ((error as { code?: unknown })?.code === "missing_token") return;
  // deno-lint-ignore no-console -- the platform's log is the console
  console.error(`${request.method} ${request.url}:`, error);
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    let app = apps.get(env);
    if (!app) apps.set(env, app = loginApp({ ...configFromEnv(env), onError: logError }));
    return app(request);
  },
};
