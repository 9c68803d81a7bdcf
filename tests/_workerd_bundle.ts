/**
 * A module bundled by esbuild for workerd (the Cloudflare Workers runtime), from a file or from
 * source text, with paths relative to the project root, where every suite runs.
 */
import { build } from "esbuild";

export async function workerdBundle(
  source: { file: string } | { contents: string },
): Promise<string> {
  const result = await build({
    ...("file" in source
      ? { entryPoints: [source.file] }
      : { stdin: { contents: source.contents, resolveDir: ".", loader: "ts" as const } }),
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0].text;
}
