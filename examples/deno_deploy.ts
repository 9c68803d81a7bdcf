/**
 * The login app of `login_app.ts` on Deno Deploy (or any `Deno.serve`), configured from the
 * environment: `OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`, `OAUTH_ISSUER`,
 * `OAUTH_AUTHORIZATION_ENDPOINT`, `OAUTH_TOKEN_ENDPOINT`, `OAUTH_REVOCATION_ENDPOINT`,
 * `OAUTH_API_URL`, `OAUTH_REDIRECT_URI`, `OAUTH_SCOPE` and `COOKIE_SECRET` (32+ characters).
 * Sessions are kept server-side in Deno KV, so that logout ends them on every instance at once;
 * failures go to the log.
 *
 * ```sh
 * deno run --allow-net --allow-env --unstable-kv examples/deno_deploy.ts
 * ```
 *
 * @module
 */
import type { Token } from "../mod.ts";
import { configFromEnv, loginApp, type SessionStore } from "./login_app.ts";

/**
 * Sessions in Deno KV, Deno Deploy's own database: its reads are strongly consistent by
 * default, so a session deleted at logout is gone for every instance; KV forgets a session on
 * its own once it expires.
 */
export class KvSessionStore implements SessionStore {
  constructor(readonly kv: Deno.Kv, readonly prefix: Deno.KvKey = ["sessions"]) {}

  async get(id: string): Promise<Token | undefined> {
    return (await this.kv.get<Token>([...this.prefix, id])).value ?? undefined;
  }

  async set(id: string, token: Token, seconds: number): Promise<void> {
    await this.kv.set([...this.prefix, id], token, { expireIn: seconds * 1000 });
  }

  async delete(id: string): Promise<void> {
    await this.kv.delete([...this.prefix, id]);
  }
}

/** Logs a failure to the console, which is Deno Deploy's log; not being logged in is none. */
export function logError(error: unknown, request: Request): void {
  if ((error as { code?: unknown })?.code === "missing_token") return;
  // deno-lint-ignore no-console -- the platform's log is the console
  console.error(`${request.method} ${request.url}:`, error);
}

/** The login app with its sessions in `kv` and its failures told to `onError`. */
export function deployApp(
  env: Record<string, string | undefined>,
  kv: Deno.Kv,
  onError: (error: unknown, request: Request) => void = logError,
): (request: Request) => Promise<Response> {
  return loginApp({ ...configFromEnv(env), sessions: new KvSessionStore(kv), onError });
}

if (import.meta.main) Deno.serve(deployApp(Deno.env.toObject(), await Deno.openKv()));
