/**
 * The Hono app of `app.ts` as a Cloudflare Worker, configured from its bindings (the names of
 * `configFromEnv`; `OAUTH_CLIENT_SECRET` and `COOKIE_SECRET` as secrets). The app is built once
 * per isolate and bindings object; its session is the sealed cookie, which every isolate reads.
 *
 * @module
 */
import type { ExecutionContext, Hono } from "hono";
import { configFromEnv, honoApp } from "./app.ts";

type Env = Record<string, string | undefined>;

const apps = new WeakMap<Env, Hono>();

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    let app = apps.get(env);
    if (!app) apps.set(env, app = honoApp(configFromEnv(env)));
    return app.fetch(request, env, ctx);
  },
};
