/**
 * The Hono app of `app.ts` as a server, on Deno, Node or Bun, configured from the environment
 * (`OAUTH_ISSUER`, `OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`, `OAUTH_REDIRECT_URI`,
 * `OAUTH_POST_LOGOUT_REDIRECT_URI`, `COOKIE_SECRET`, and `PORT`, default 8000):
 *
 * ```sh
 * deno run --allow-net --allow-env examples/hono/main.ts
 * bun run examples/hono/main.ts
 * ```
 *
 * On Node, run it bundled (`esbuild --bundle --platform=node`) or through a TypeScript loader.
 *
 * @module
 */
import process from "node:process";
import { configFromEnv, honoApp } from "./app.ts";
import { serve } from "./serve.ts";

const { server, port } = await serve(honoApp(configFromEnv(process.env)), {
  port: Number(process.env.PORT ?? 8000),
});
// deno-lint-ignore no-console -- a server says where it listens
console.log(`listening on http://127.0.0.1:${port} (${server})`);
