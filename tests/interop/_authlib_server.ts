/**
 * Starts the OAuth 1.0a provider built on Authlib's own server classes
 * (`authlib_oauth1_server.py`) with Debian's Python, for the interop tests. `/usr/bin/python3`
 * is the interpreter that sees Debian's python3-authlib.
 */
import { type OAuthlibProvider, startPythonProvider } from "./_oauthlib_server.ts";

const SCRIPT = new URL("./authlib_oauth1_server.py", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";

/**
 * Starts the provider on a loopback port. Its base URL names `localhost`, not `127.0.0.1`:
 * Authlib accepts http only as `http://localhost:<port>` (`is_secure_transport`).
 */
export function startAuthlibProvider(): Promise<OAuthlibProvider> {
  return startPythonProvider(SCRIPT, "localhost");
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
