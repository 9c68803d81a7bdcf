// deno-lint-ignore-file no-console -- a development server reports on the console
/**
 * `npm run provider`: a local OpenID Connect provider (oidc-provider, a certified server) on
 * http://127.0.0.1:3000, with the clients the README's quick start uses, its development login
 * page (any user name signs in) and its consent page. For trying the library, never for
 * production: its keys and storage live in memory and end with the process.
 *
 * @module
 */
import { startOidcProvider } from "../tests/oauth2/_oidc_provider.ts";
import { QUICKSTART } from "../tests/oauth2/_oidc_config.ts";

const port = Number(Deno.env.get("PORT") ?? 3000);
const op = await startOidcProvider({ port });
console.log(`An OpenID provider listens on ${op.issuer} (oidc-provider; Ctrl-C stops it).
Clients it knows:
  ${QUICKSTART.clientId} / ${QUICKSTART.clientSecret}   code flow, redirect URI ${QUICKSTART.redirectUri},
    post-logout redirect URI ${QUICKSTART.postLogoutRedirectUri} (RP-initiated logout)
  ${QUICKSTART.serviceId} / ${QUICKSTART.serviceSecret}   client_credentials, scope api:read
Any user name signs in on its login page. Next, in another terminal:
  deno serve -A --port 8000 quickstart.ts   (the README's quick start), then open http://127.0.0.1:8000`);
