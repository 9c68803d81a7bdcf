/**
 * `npm run demo`: the OAuth 1.0a 3-legged flow end to end, with nothing to set up. It starts
 * the provider of `oauth1_provider.ts` on a loopback port and walks request token →
 * authorization → verifier → access token → signed API call, printing each step.
 *
 * @module
 */
import { OAuth1Client } from "../mod.ts";
import { createOAuth1Provider } from "./oauth1_provider.ts";

/** Runs the demo, reporting each step through `say`; resolves with the API's answer. */
export async function runDemo(say: (line: string) => void): Promise<unknown> {
  const provider = createOAuth1Provider({ consumerKey: "demo-app", consumerSecret: "demo-secret" });
  let server!: Deno.HttpServer;
  // Waiting for onListen keeps the demo working under the Node shim of Deno.serve as well.
  const { port } = await new Promise<Deno.NetAddr>((onListen) => {
    server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen }, provider.handle);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    say(`An OAuth 1.0a provider is listening on ${base}\n`);
    const client = new OAuth1Client({
      clientKey: "demo-app",
      clientSecret: "demo-secret",
      callbackUri: `${base}/callback`,
    });

    say("1. Ask for temporary credentials (signed POST with oauth_callback)");
    const temporary = await client.fetchRequestToken(`${base}/request_token`);
    say(`   got oauth_token=${temporary.oauth_token}, callback confirmed`);

    const authorizeUrl = client.authorizationUrl(`${base}/authorize`);
    say(`2. Send the user to ${authorizeUrl}`);
    const approval = await fetch(authorizeUrl, { redirect: "manual" });
    const callback = approval.headers.get("location") ?? "";
    await approval.body?.cancel();
    say(`   the provider redirects back to ${callback}`);

    const { oauth_verifier } = client.parseAuthorizationResponse(callback);
    say(`3. The callback carries our token and the verifier ${oauth_verifier}`);

    const token = await client.fetchAccessToken(`${base}/access_token`);
    say(`4. Exchanged them for token credentials: oauth_token=${token.oauth_token}`);
    say(`   (screen_name=${token.screen_name}; authorized: ${client.authorized})`);

    say("5. Call the API with a signed request");
    const response = await client.fetch(`${base}/api/me`);
    const me = await response.json();
    say(`   HTTP ${response.status} ${JSON.stringify(me)}\n`);
    say("The provider's log (it checks every signature with the npm package oauth-1.0a):");
    for (const line of provider.log) say(`   ${line}`);
    return me;
  } finally {
    await server.shutdown();
  }
}

if (import.meta.main) {
  // deno-lint-ignore no-console -- the demo's output is its purpose
  await runDemo((line) => console.log(line));
}
