/**
 * The login app of `login_app.ts` on Deno Deploy (or any `Deno.serve`), configured from the
 * environment: `OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`, `OAUTH_ISSUER`,
 * `OAUTH_AUTHORIZATION_ENDPOINT`, `OAUTH_TOKEN_ENDPOINT`, `OAUTH_REVOCATION_ENDPOINT`,
 * `OAUTH_API_URL`, `OAUTH_REDIRECT_URI`, `OAUTH_SCOPE` and `COOKIE_SECRET` (32+ characters).
 *
 * ```sh
 * deno run --allow-net --allow-env examples/deno_deploy.ts
 * ```
 *
 * @module
 */
import { configFromEnv, loginApp } from "./login_app.ts";

if (import.meta.main) Deno.serve(loginApp(configFromEnv(Deno.env.toObject())));
