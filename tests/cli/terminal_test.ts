/**
 * The CLI's interactive side in a real terminal (tmux): the OAuth 1.0a out-of-band verifier
 * typed at the prompt, and the device flow's code and spinner while it polls.
 */
import assert from "node:assert/strict";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { configDir } from "./_cli.ts";

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;

async function tmux(...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command("tmux", {
    args,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (code !== 0) throw new Error(`tmux ${args[0]}: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout);
}

/** A terminal running `oauth <args>`, and then a shell line with its exit code. */
async function terminal(args: string[], env: Record<string, string>) {
  const name = `oauth-test-${crypto.randomUUID().slice(0, 8)}`;
  const variables = Object.entries(env).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
  const command = [Deno.execPath(), "run", "-A", MAIN, ...args].join(" ");
  await tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    "160",
    "-y",
    "50",
    ...variables,
    `${command}; echo EXIT=$?; sleep 60`,
  );
  const screen = () => tmux("capture-pane", "-p", "-t", name);
  return {
    screen,
    type: (text: string) => tmux("send-keys", "-t", name, text, "Enter"),
    async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = (await screen()).match(pattern);
        if (match) return match;
        if (Date.now() > deadline) {
          throw new Error(`no ${pattern} on the screen:\n${await screen()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    [Symbol.asyncDispose]: () => tmux("kill-session", "-t", name).then(() => {}),
  };
}

Deno.test("oauth1 login --oob: the verifier the provider shows, typed at the prompt", async () => {
  const provider = createOAuth1Provider({ consumerKey: "tty-app", consumerSecret: "tty-secret" });
  await using server = await serveLoopback(provider.handle);
  await using dir = await configDir();
  await using term = await terminal(["oauth1", "login", "--oob", "--no-browser"], {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH1_CONSUMER_KEY: "tty-app",
    OAUTH1_CONSUMER_SECRET: "tty-secret",
    OAUTH1_REQUEST_TOKEN_URL: `${server.origin}/request_token`,
    OAUTH1_AUTHORIZE_URL: `${server.origin}/authorize`,
    OAUTH1_ACCESS_TOKEN_URL: `${server.origin}/access_token`,
  });
  const [, url] = await term.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/authorize\?oauth_token=\w+)/);
  await term.waitFor(/Enter the verifier the provider shows:/);
  const page = await (await fetch(url)).text(); // out of band: the provider shows the code
  const [, verifier] = page.match(/Your verification code: (\w+)/)!;
  await term.type(verifier);
  await term.waitFor(/EXIT=0/);
  assert.match(await term.screen(), /authorized; saved to profile "default"/);
  assert.ok(!(await term.screen()).includes("tty-secret"));
});

Deno.test("device: the code stands out, a spinner turns while polling, and approval ends it", async () => {
  await using op = await startOidcProvider();
  await using dir = await configDir();
  await using term = await terminal(["device", "--no-browser"], {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_ISSUER: op.issuer,
    OAUTH_CLIENT_ID: op.clients.device.clientId,
    OAUTH_SCOPE: "openid",
  });
  const [, code] = await term.waitFor(/^ {8}([A-Z]{4}-[A-Z]{4})\s*$/m);
  const [, uri] = await term.waitFor(/Open (http\S+)/);
  await term.waitFor(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for approval… \d+s/);
  await op.confirmDevice(uri, code);
  await term.waitFor(/EXIT=0/);
  const screen = await term.screen();
  assert.match(screen, /approved; saved to profile "default"/);
  assert.doesNotMatch(screen, /waiting for approval/, "the spinner line is cleared");
});
