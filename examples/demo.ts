/**
 * `npm run demo`: every main flow of `@x/oauth`, through its `oauth` command-line tool, with
 * nothing to set up and no network. It starts two providers on loopback — oidc-provider (a
 * certified OpenID Connect server) and the OAuth 1.0a provider of `oauth1_provider.ts` — then
 * runs the CLI as a user would, answering the providers' pages itself, and prints each step.
 * (The providers' harness and the CLI runner are the tests' own: the demo is a test you watch.)
 *
 * @module
 */
import { createOAuth1Provider } from "./oauth1_provider.ts";
import { startOidcProvider, withoutProviderNotices } from "../tests/oauth2/_oidc_provider.ts";
import { startCli } from "../tests/cli/_cli.ts";
import { serveLoopback } from "../tests/_loopback.ts";

/** One step of the demo: the command it ran and what came of it. */
export interface DemoStep {
  title: string;
  command: string;
  code: number;
  stdout: string;
}

/** Runs the demo, reporting each step through `say`; resolves with the steps. */
export async function runDemo(say: (line: string) => void): Promise<DemoStep[]> {
  const steps: DemoStep[] = [];
  const op = await startOidcProvider();
  const oauth1 = createOAuth1Provider({ consumerKey: "demo-app", consumerSecret: "demo-secret" });
  const oauth1Server = await serveLoopback(oauth1.handle);
  const oauth1Base = oauth1Server.origin;
  const configDir = await Deno.makeTempDir({ prefix: "oauth-demo-" });
  const env = (profile: Record<string, string>) => ({ OAUTH_CONFIG_DIR: configDir, ...profile });
  const user = env({
    OAUTH_ISSUER: op.issuer,
    OAUTH_CLIENT_ID: op.clients.public.clientId,
    OAUTH_SCOPE: "openid",
  });

  /** Runs `oauth <args>`; `meanwhile` plays the user on the providers' pages. */
  async function step(
    title: string,
    args: string[],
    variables: Record<string, string>,
    meanwhile?: (waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>) => Promise<void>,
  ) {
    say(`\n${steps.length + 1}. ${title}\n   $ oauth ${args.join(" ")}`);
    const running = startCli(args, variables);
    await meanwhile?.((pattern) => running.waitFor(pattern));
    const { code, stdout, stderr } = await running.finished();
    for (const line of `${stderr}${stdout}`.trim().split("\n")) say(`   │ ${line}`);
    steps.push({ title, command: `oauth ${args.join(" ")}`, code, stdout });
    if (code !== 0) throw new Error(`the step "${title}" ended with exit code ${code}`);
    return stdout;
  }

  try {
    say(`An OpenID Connect provider (oidc-provider) listens on ${op.issuer},`);
    say(`an OAuth 1.0a provider on ${oauth1Base}; the CLI keeps its tokens in ${configDir}.`);

    const oauth1Env = env({
      OAUTH1_CONSUMER_KEY: "demo-app",
      OAUTH1_CONSUMER_SECRET: "demo-secret",
      OAUTH1_REQUEST_TOKEN_URL: `${oauth1Base}/request_token`,
      OAUTH1_AUTHORIZE_URL: `${oauth1Base}/authorize`,
      OAUTH1_ACCESS_TOKEN_URL: `${oauth1Base}/access_token`,
    });
    await step(
      "OAuth 1.0a, 3-legged, with a loopback callback",
      [
        "oauth1",
        "login",
        "--no-browser",
      ],
      oauth1Env,
      async (waitFor) => {
        const url = (await waitFor(/Open this URL to authorize:\s+(\S+)/))[1];
        const approval = await fetch(url, { redirect: "manual" }); // the provider approves at once
        await (await fetch(approval.headers.get("location")!)).text(); // back to the CLI
      },
    );
    const signed = JSON.parse(
      await step("A signed request, as curl", [
        "oauth1",
        "sign",
        `${oauth1Base}/api/me`,
        "--json",
      ], oauth1Env),
    );
    const me = await fetch(signed.url, { headers: { authorization: signed.authorization } });
    say(`   … which the provider answers: HTTP ${me.status} ${await me.text()}`);

    await step("Discovery", ["discover"], user);
    await step(
      "Authorization code + PKCE through a loopback redirect",
      [
        "login",
        "--port",
        new URL(op.redirectUri).port,
        "--no-browser",
      ],
      user,
      async (waitFor) => {
        const url = (await waitFor(/Open this URL to sign in:\s+(\S+)/))[1];
        const callback = await op.authorize(url); // alice signs in and consents
        await (await fetch(callback)).text();
      },
    );
    await step("An API call with the saved token", ["request", op.userinfoEndpoint], user);
    await step("Refresh (the provider rotates the refresh token)", [
      "token",
      "--grant",
      "refresh",
    ], user);
    const service = env({
      OAUTH_ISSUER: op.issuer,
      OAUTH_CLIENT_ID: op.clients.service.clientId,
      OAUTH_CLIENT_SECRET: op.clients.service.clientSecret,
      OAUTH_SCOPE: "api:read",
      OAUTH_PROFILE: "service",
    });
    const issued = JSON.parse(await step("Client credentials", ["token", "--json"], service));
    await step(
      "Device authorization grant",
      ["device", "--no-browser"],
      env({
        OAUTH_ISSUER: op.issuer,
        OAUTH_CLIENT_ID: op.clients.device.clientId,
        OAUTH_SCOPE: "openid",
        OAUTH_PROFILE: "tv",
      }),
      async (waitFor) => {
        const uri = (await waitFor(/Open (\S+)\n/))[1];
        const code = (await waitFor(/^ {8}([A-Z]{4}-[A-Z]{4})$/m))[1];
        await op.confirmDevice(uri, code); // alice types the code on the provider's page
      },
    );
    await step("Introspection", ["introspect"], service);
    await step("Revocation", ["revoke"], service);
    // The token goes after "--": a base64url token may begin with "-" and read as a flag.
    await step("Introspection after revocation", [
      "introspect",
      "--json",
      "--",
      issued.access_token,
    ], service);
    say("\nEvery step ran through the oauth CLI against real providers on loopback.");
    return steps;
  } finally {
    await oauth1Server.close();
    await op[Symbol.asyncDispose]();
    await Deno.remove(configDir, { recursive: true });
  }
}

if (import.meta.main) {
  // The provider's development notices would drown the steps.
  // deno-lint-ignore no-console -- the demo's output is its purpose
  await withoutProviderNotices(() => runDemo((line) => console.log(line)));
}
