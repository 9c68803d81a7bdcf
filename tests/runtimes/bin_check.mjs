/**
 * The npm package's `oauth` executable under this runtime (Node or Bun): it starts, prints its
 * help, and reports a usage mistake with exit code 2. Registered with the suite's Deno.test.
 */
import { spawnSync } from "node:child_process";
import process from "node:process";

const BIN = "npm/esm/cli/bin.js";

Deno.test("built package: the oauth bin runs, prints its help, and exits 2 on a usage mistake", () => {
  const help = spawnSync(process.execPath, [BIN, "help"], { encoding: "utf8" });
  if (help.status !== 0 || !help.stdout.includes("oauth login")) {
    throw new Error(`oauth help: ${help.status} ${help.stderr}`);
  }
  const wrong = spawnSync(process.execPath, [BIN, "frobnicate"], { encoding: "utf8" });
  if (wrong.status !== 2 || !wrong.stderr.startsWith("usage: unknown command frobnicate")) {
    throw new Error(`oauth frobnicate: ${wrong.status} ${wrong.stderr}`);
  }
});
