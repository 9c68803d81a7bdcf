/**
 * The login app of `login_app.ts` as a Cloudflare Worker. The configuration comes from the
 * Worker's bindings, with the names of `deno_deploy.ts` (`OAUTH_CLIENT_ID`, …, with
 * `OAUTH_CLIENT_SECRET` and `COOKIE_SECRET` as secrets: `wrangler secret put COOKIE_SECRET`).
 * The handler is built once per isolate and bindings object.
 *
 * @module
 */
import { configFromEnv, loginApp } from "./login_app.ts";

type Env = Record<string, string | undefined>;

const apps = new WeakMap<Env, (request: Request) => Promise<Response>>();

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    let app = apps.get(env);
    if (!app) apps.set(env, app = loginApp(configFromEnv(env)));
    return app(request);
  },
};
