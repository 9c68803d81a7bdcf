/**
 * Starts the providers built on oauthlib's own server endpoints (`oauth1_server.py`,
 * `oauth2_server.py`) with Debian's Python, for the interop tests. `/usr/bin/python3` is the
 * interpreter that sees Debian's python3-oauthlib.
 */
const SCRIPTS = {
  oauth1: new URL("./oauth1_server.py", import.meta.url).pathname,
  oauth2: new URL("./oauth2_server.py", import.meta.url).pathname,
};

const PYTHON = "/usr/bin/python3";

/** A running `serve` process: its base URL, and a way to stop it. */
export interface OAuthlibProvider {
  base: string;
  stats(): Promise<Record<string, number>>;
  [Symbol.asyncDispose](): Promise<void>;
}

async function firstLine(reader: ReadableStreamDefaultReader<string>, script: string) {
  let text = "";
  while (!text.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`${script} ended before printing its port: ${text}`);
    text += value;
  }
  return text.slice(0, text.indexOf("\n"));
}

/**
 * Runs `script serve` with Debian's Python: a provider that prints `{"port": N}` on its first
 * line, serves until its stdin closes, and counts requests at `/stats`. Its base URL names
 * `host` on that port.
 */
export async function startPythonProvider(
  script: string,
  host = "127.0.0.1",
): Promise<OAuthlibProvider> {
  const child = new Deno.Command(PYTHON, {
    args: [script, "serve"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const { port } = JSON.parse(await firstLine(stdout, script));
  const base = `http://${host}:${port}`;
  return {
    base,
    stats: async () => await (await fetch(`${base}/stats`)).json(),
    async [Symbol.asyncDispose]() {
      await child.stdin.close();
      await stdout.cancel();
      await child.status;
    },
  };
}

/** Starts an HTTP provider (OAuth 1.0a by default) on a loopback port. */
export function startOAuthlibProvider(
  version: keyof typeof SCRIPTS = "oauth1",
): Promise<OAuthlibProvider> {
  return startPythonProvider(SCRIPTS[version]);
}

/** One request for the batch verifier. */
export interface VerifyLine {
  id: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  clientKey: string;
  clientSecret: string;
  token: string | null;
  tokenSecret: string | null;
}

/** Sends requests through oauthlib's server path in one process; returns its verdicts. */
export async function verifyWithOAuthlib(
  lines: VerifyLine[],
): Promise<Map<number, { valid: boolean; reason?: string }>> {
  const child = new Deno.Command(PYTHON, {
    args: [SCRIPTS.oauth1, "verify"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const input = lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
  const writing = (async () => {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(input));
    await writer.close();
  })();
  const [output] = await Promise.all([child.output(), writing]);
  const verdicts = new Map<number, { valid: boolean; reason?: string }>();
  for (const line of new TextDecoder().decode(output.stdout).split("\n")) {
    if (line.trim() === "") continue;
    const { id, valid, reason } = JSON.parse(line);
    verdicts.set(id, { valid, reason });
  }
  return verdicts;
}
