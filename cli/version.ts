/**
 * The version of the `@x/oauth` package the CLI came with, for `oauth --version`.
 *
 * The CLI runs from the sources (`deno run cli/main.ts`, next to deno.json) or from the npm
 * package (`esm/cli/bin.js`, under the package's package.json), so it reads the manifest it
 * finds above its own file rather than one baked in at build time, which the sources lack.
 *
 * @module
 */
import { readFile } from "node:fs/promises";

const NAME = "@x/oauth";

/**
 * The `version` of the first deno.json or package.json named `@x/oauth` in the folder of
 * `from` or a folder above it, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { packageVersion } from "./version.ts";
 * import assert from "node:assert/strict";
 *
 * assert.match((await packageVersion()) ?? "", /^\d+\.\d+\.\d+/);
 * ```
 */
export async function packageVersion(from: URL = new URL(import.meta.url)): Promise<
  string | undefined
> {
  for (let folder = new URL("./", from);; folder = new URL("../", folder)) {
    for (const manifest of ["deno.json", "package.json"]) {
      const { name, version } = await readManifest(new URL(manifest, folder));
      if (name === NAME && typeof version === "string") return version;
    }
    // At the root, "../" is the folder itself (file:///, file:///C:/, an origin's /).
    if (new URL("../", folder).href === folder.href) return undefined;
  }
}

async function readManifest(url: URL): Promise<{ name?: unknown; version?: unknown }> {
  try {
    const parsed = JSON.parse(await readFile(url, "utf8"));
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    // Missing, unreadable, not JSON or not a file: URL (a remote module): not this one.
    return {};
  }
}
