// deno-lint-ignore-file no-console -- a check reports on the console
/**
 * `deno run -A scripts/check_imports.ts`, run by `npm test`: the library's imports run one way
 * (DESIGN.md, Layout; ARCHITECTURE.md). A file may import from its own folder and from folders
 * below it, never from a folder above it or beside it, and no files may import each other in a
 * circle, type-only imports and `import()` included. Entry points (`mod.ts`) re-export and are exempt from the
 * direction rule.
 */
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
/** Each folder's layer: imports go to the same folder or to a lower layer. */
const LAYERS: Record<string, number> = {
  cli: 5,
  web: 4,
  providers: 4,
  stores: 3,
  hooks: 3,
  oauth1: 2,
  oauth2: 2,
  ".": 1,
};
const SKIP = new Set(["node_modules", "npm", "tests", "bench", "scripts", "examples", "coverage"]);

async function sources(directory = ROOT): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(directory)) {
    const path = join(directory, entry.name);
    if (entry.isDirectory && !SKIP.has(entry.name) && !entry.name.startsWith(".")) {
      found.push(...await sources(path));
    } else if (entry.isFile && entry.name.endsWith(".ts")) found.push(path);
  }
  return found;
}

/**
 * The local files `source` imports or re-exports, type-only ones included, and those it loads on
 * first use with `import("./…")`: a module loaded later is still a dependency, and follows the
 * same rules.
 */
function localImports(file: string, source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [
    ...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s*"(\.[^"]+)"/g),
    ...code.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g),
  ].map(([, specifier]) => relative(ROOT, resolve(dirname(file), specifier)));
}

function folderOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.indexOf("/")) : ".";
}

const graph = new Map<string, string[]>();
for (const path of await sources()) {
  graph.set(relative(ROOT, path), localImports(path, await Deno.readTextFile(path)));
}

const edges: string[] = [];
for (const [from, targets] of graph) {
  if (from.endsWith("mod.ts")) continue;
  for (const to of targets) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a === b || !(a in LAYERS) || !(b in LAYERS)) continue;
    if (LAYERS[b] >= LAYERS[a]) edges.push(`${from} → ${to}`);
  }
}

/** Circles of files (Tarjan's strongly connected components of more than one file). */
function circles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    low.set(file, index++);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, indices.get(next)!));
    }
    if (low.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indices.has(file)) visit(file);
  return found;
}
const found = circles().map((component) => component.join(" ↔ "));

for (const edge of edges) console.log(`upward or sideways import: ${edge}`);
for (const circle of found) console.log(`import circle: ${circle}`);
const failures = edges.length + found.length;
console.log(
  `imports: ${graph.size} files; ${edges.length} upward or sideways edges, ${found.length} circles`,
);
Deno.exit(failures === 0 ? 0 : 1);
