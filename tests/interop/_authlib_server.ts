/**
 * Starts the OAuth 1.0a provider built on Authlib's own server classes
 * (`authlib_oauth1_server.py`) with Debian's Python, for the interop tests. `/usr/bin/python3`
 * is the interpreter that sees Debian's python3-authlib.
 */
const SCRIPT = new URL("./authlib_oauth1_server.py", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";

/** A running provider: its base URL, its counters, and a way to stop it. */
export interface AuthlibProvider {
  base: string;
  stats(): Promise<Record<string, number>>;
  [Symbol.asyncDispose](): Promise<void>;
}

async function firstLine(reader: ReadableStreamDefaultReader<string>): Promise<string> {
  let text = "";
  while (!text.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`authlib_oauth1_server.py ended before printing its port: ${text}`);
    text += value;
  }
  return text.slice(0, text.indexOf("\n"));
}

/**
 * Starts the provider on a loopback port. Its base URL names `localhost`, not `127.0.0.1`:
 * Authlib accepts http only as `http://localhost:<port>` (`is_secure_transport`).
 */
export async function startAuthlibProvider(): Promise<AuthlibProvider> {
  const child = new Deno.Command(PYTHON, {
    args: [SCRIPT, "serve"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const { port } = JSON.parse(await firstLine(stdout));
  const base = `http://localhost:${port}`;
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

/** Runs the provider's own check, the flow with Authlib's client; answers its output. */
export async function authlibSelftest(): Promise<{ success: boolean; output: string }> {
  const { success, stdout, stderr } = await new Deno.Command(PYTHON, {
    args: [SCRIPT, "selftest"],
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return { success, output: decoder.decode(stdout) + decoder.decode(stderr) };
}
