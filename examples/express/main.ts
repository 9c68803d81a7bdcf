/**
 * The Express app of `app.ts` listening on `PORT` (default 8000), configured from the
 * environment: `OAUTH_ISSUER`, `OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`, `OAUTH_REDIRECT_URI`,
 * `OAUTH_POST_LOGOUT_REDIRECT_URI` and `COOKIE_SECRET` (32+ characters). Node runs it bundled (`esbuild --bundle
 * --platform=node --packages=external`) or through a TypeScript loader; Deno runs it as it is:
 *
 * ```sh
 * deno run --allow-net --allow-env --allow-read examples/express/main.ts
 * ```
 *
 * @module
 */
import process from "node:process";
import { expressApp } from "./app.ts";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new TypeError(`the environment variable ${name} is not set`);
  return value;
};
const port = Number(process.env.PORT ?? 8000);
expressApp({
  issuer: env("OAUTH_ISSUER"),
  clientId: env("OAUTH_CLIENT_ID"),
  clientSecret: process.env.OAUTH_CLIENT_SECRET,
  redirectUri: env("OAUTH_REDIRECT_URI"),
  postLogoutRedirectUri: env("OAUTH_POST_LOGOUT_REDIRECT_URI"),
  cookieSecret: env("COOKIE_SECRET"),
}).listen(port, () => {
  // deno-lint-ignore no-console -- a server says where it listens
  console.log(`listening on http://127.0.0.1:${port}`);
});
