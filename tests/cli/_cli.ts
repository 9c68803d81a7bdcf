/**
 * Running the `oauth` CLI as a user would: a separate `deno run` process with its own config
 * directory, its output read as it comes.
 */
const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

/** A config directory of its own, removed after use. */
export async function configDir(): Promise<
  { path: string; [Symbol.asyncDispose](): Promise<void> }
> {
  const path = await Deno.makeTempDir({ prefix: "oauth-cli-" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

/** Runs the CLI to the end: its exit code and output. */
export async function cli(args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** Starts the CLI and lets the test wait for text on its stderr while it runs. */
export function startCli(args: string[], env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const reading = (async () => {
    for await (const chunk of child.stderr) stderr += decoder.decode(chunk, { stream: true });
  })();
  const stdout = new Response(child.stdout).text();
  return {
    /** Resolves with the first match of `pattern` in stderr, once it has been written. */
    async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = stderr.match(pattern);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`no ${pattern} on stderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async finished() {
      const [{ code }, out] = await Promise.all([child.status, stdout, reading]);
      return { code, stdout: out, stderr };
    },
  };
}
