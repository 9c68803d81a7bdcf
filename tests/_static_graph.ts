/**
 * The library files an entry point loads statically, read from the sources: what a cold import
 * compiles before anything runs. Tests use it to keep rarely used parts behind `import()`.
 *
 * It follows `import … from "./…"`, `export … from "./…"` and `import "./…"`; it skips
 * `import type`, `export type`, lists of `type` names only (which TypeScript and esbuild drop),
 * and `import()`. A file re-exported by a `mod.ts` counts even when the name is not used: a
 * bundle split into chunks, as the npm build is, loads the chunk of every such file that a lazy
 * chunk shares. `bundleLoad` checks the same in such a bundle. (Reads files and runs esbuild,
 * so it runs under Deno only.)
 *
 * @module
 */
import { build } from "esbuild";

const ROOT = new URL("../", import.meta.url);

const FROM =
  /^(?:import|export)\s+(type\s+)?([\w$\s,{}*]*?)\s*from\s*["'](\.[^"']+)["']|^import\s*["'](\.[^"']+)["']/gm;

/** The local files `file` (repo-relative) imports or re-exports other than for types only. */
function staticImports(file: string): string[] {
  const source = Deno.readTextFileSync(new URL(file, ROOT));
  const found: string[] = [];
  for (const [, typeOnly, clause, specifier, bare] of source.matchAll(FROM)) {
    if (typeOnly) continue;
    const names = /\{([^}]*)\}/.exec(clause)?.[1].split(",").map((name) => name.trim())
      .filter((name) => name !== "");
    const outside = clause.replace(/\{[^}]*\}/, "").replace(/,/g, "").trim();
    const typesOnly = !outside && names !== undefined && names.every((n) => n.startsWith("type "));
    if (!typesOnly) found.push(specifier ?? bare);
  }
  return found.map((specifier) =>
    new URL(specifier, new URL(file, ROOT)).href.slice(ROOT.href.length)
  );
}

/**
 * The repo-relative paths (`"oauth2/dpop.ts"`) that `entry` (repo-relative, `"mod.ts"`) loads
 * statically, the entry included.
 */
export function staticGraph(entry: string): Set<string> {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    staticImports(file).forEach(visit);
  };
  visit(entry);
  return reached;
}

/** What a cold import of the root's bundle compiles, and what its `import()`s load later. */
export interface BundleLoad {
  /** The static imports left in the bundle (the npm build's root has none). */
  imports: string[];
  /** The repo-relative sources with code in the bundle. */
  sources: Set<string>;
  /** The repo-relative sources with code only in what the bundle loads by `import()`. */
  lazySources: Set<string>;
}

/**
 * `entry` bundled as the npm build bundles the root entry (scripts/build_npm.ts, build A): one
 * file of everything it imports statically, each `import()` left to load its own chunk.
 */
export async function bundleLoad(entry: string): Promise<BundleLoad> {
  const lazy = new Set<string>();
  const bundle = async (entryPoints: string[], leaveLazy: boolean) =>
    (await build({
      entryPoints,
      absWorkingDir: new URL(ROOT).pathname,
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      external: ["node:*"],
      outdir: "out",
      write: false,
      metafile: true,
      logLevel: "error",
      plugins: leaveLazy
        ? [{
          name: "leave-lazy",
          setup(build) {
            build.onResolve({ filter: /.*/ }, ({ kind, path, resolveDir }) => {
              if (kind !== "dynamic-import") return undefined;
              lazy.add(new URL(path, `file://${resolveDir}/`).pathname);
              return { path, external: true };
            });
          },
        }]
        : [],
    })).metafile!.outputs;
  const compiled = (
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>,
  ) =>
    new Set(
      Object.values(outputs).flatMap(({ inputs }) =>
        Object.entries(inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0)
          .map(([input]) => input)
      ),
    );
  const outputs = await bundle([entry], true);
  const [root] = Object.values(outputs);
  const sources = compiled(outputs);
  const later = compiled(await bundle([...lazy], false));
  return {
    imports: root.imports.filter(({ kind }) => kind === "import-statement").map(({ path }) => path),
    sources,
    lazySources: new Set([...later].filter((source) => !sources.has(source))),
  };
}
