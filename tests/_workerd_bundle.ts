/**
 * Worker helpers for the tests: a module bundled by esbuild for workerd (the Cloudflare Workers
 * runtime), from a file or from source text with paths relative to the project root, where
 * every suite runs; and a `fetch`-like function that sends requests into a miniflare Worker.
 */
import { build } from "esbuild";
import type { Miniflare } from "miniflare";

/** Requests into the Worker, redirects returned as they are, answers as web `Response`s. */
export function dispatchTo(mf: Miniflare): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await mf.dispatchFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      redirect: "manual",
    });
    return new Response(await response.arrayBuffer(), {
      status: response.status,
      headers: [...response.headers],
    });
  };
}

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
