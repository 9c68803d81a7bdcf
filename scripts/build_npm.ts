// deno-lint-ignore-file no-console -- a build script reports on the console
/**
 * `npm run build`: the npm package of `@x/oauth` in `npm/`, from the same sources as JSR.
 *
 * 1. tsc (with `rewriteRelativeImportExtensions`) compiles the sources, one ES module and one
 *    `.d.ts` per file, into `npm/_unbundled/` (tsconfig.build.json for the library,
 *    tsconfig.cli.json with Node's types for the CLI and the file store, which may use Node
 *    built-ins). This tree is not shipped: `files` leaves it out.
 * 2. esbuild bundles that very JavaScript into `npm/esm/`: ESM, platform neutral, minified in
 *    whitespace and syntax, then terser shortens local names only (functions and classes keep
 *    theirs; non-ASCII escaped, so V8 keeps the files one byte per character), with source maps to
 *    the TypeScript; `node:*` built-ins stay imports (the package has no runtime dependency; one
 *    added to package.json would stay an import too). `@x/oauth` and `@x/oauth/oauth1` are one
 *    file each, the parts the clients load on first use (`import()`) a chunk each, the other
 *    entries files of re-exports over shared chunks (how, and how each class stays one: step 2
 *    below).
 * 3. The `.d.ts` files are copied from step 1 into `npm/esm/` with the layout of the sources, so
 *    each entry's declarations sit beside its JavaScript.
 * 4. Checks, any complaint failing the build: no portable entry loads a chunk that imports a Node
 *    built-in; each entry exports exactly the names of its unbundled module, and a name exported
 *    by several entries is the same value in each; `publint` and `@arethetypeswrong/cli` accept
 *    the package.
 *
 * The runtime suites (scripts/_test_suite.mjs) run twice. First the whole unit suite on the
 * unbundled emit of step 1: every library import of a test, entry point or internal, maps to its
 * file in `npm/_unbundled/`, so there is one copy of every module and `instanceof` and module
 * state behave as in Deno (a test's internal `errors.ts` next to the bundle's would be two
 * `OAuthError` classes). Then the package as a user gets it, through the exports map of
 * `node_modules/@x/oauth` (linked to `npm/`): the cross-runtime checks, the bin, and again each
 * test file whose imports reach only entry points. The bundle is made from the very JavaScript
 * the first run tests, so what the first run cannot see is what esbuild did, and the second run
 * covers that.
 *
 * The price: a chunk keeps the top-level statements of all the modules in it, so a user's bundler
 * that takes one function from a chunk also keeps the chunk's other side effects (and imports);
 * `npm run size` shows those bytes beside the figures from the sources.
 *
 * @module
 */
import { build, type PluginBuild, stop } from "esbuild";
import { minify, type MinifyOptions } from "terser";
import { importsIn } from "./_chunk_imports.mjs";
import { dirname, join, relative, resolve } from "node:path";

const root = new URL("../", import.meta.url);
const out = new URL("npm/", root);
const unbundled = new URL("npm/_unbundled/", root);
const esm = new URL("npm/esm/", root);
const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
const workspace = JSON.parse(await Deno.readTextFile(new URL("package.json", root)));
const BIN = "cli/bin.ts";

async function run(command: string, args: string[], shown = args.join(" ")): Promise<void> {
  console.log(`$ ${command} ${shown}`);
  const { success } = await new Deno.Command(command, {
    args,
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (!success) throw new Error(`${command} failed`);
}

async function output(command: string, args: string[]): Promise<string> {
  const { success, stdout } = await new Deno.Command(command, {
    args,
    cwd: root,
    stderr: "inherit",
  })
    .output();
  if (!success) throw new Error(`${command} failed`);
  return new TextDecoder().decode(stdout);
}

/** `./oauth1/mod.ts` → `oauth1/mod` */
const stem = (path: string) => path.replace(/^\.\//, "").replace(/\.ts$/, "");

function entry(path: string) {
  const base = `./esm/${stem(path)}`;
  return { types: `${base}.d.ts`, import: `${base}.js`, default: `${base}.js` };
}

/**
 * For each of `files` (modules of the unbundled emit), the classes, functions and objects it
 * exports that the module `from` exports too: `[its name, the name in from]`.
 */
async function exportedBy(
  from: string,
  files: string[],
): Promise<Record<string, [string, string][]>> {
  return JSON.parse(
    await output("node", [
      "--input-type=module",
      "-e",
      `const byValue = new Map(
  Object.entries(await import(${JSON.stringify(from)})).map(([name, value]) => [value, name]),
);
const found = {};
for (const file of ${JSON.stringify(files)}) {
  const same = Object.entries(await import(file))
    .filter(([, value]) => (typeof value === "function" || typeof value === "object") &&
      value !== null && byValue.has(value))
    .map(([name, value]) => [name, byValue.get(value)]);
  if (same.length > 0) found[file] = same;
}
console.log(JSON.stringify(found));`,
    ]),
  );
}

/** Every module of the unbundled emit, as absolute paths. */
async function allModules(): Promise<string[]> {
  const found: string[] = [];
  for await (const path of walk(unbundled)) {
    // Not the bin, which runs when imported.
    if (path.endsWith(".js") && path !== `${stem(BIN)}.js`) {
      found.push(new URL(path, unbundled).pathname);
    }
  }
  return found;
}

async function* walk(directory: URL, prefix = ""): AsyncGenerator<string> {
  for await (const item of Deno.readDir(directory)) {
    const path = `${prefix}${item.name}`;
    if (item.isDirectory) yield* walk(new URL(`${item.name}/`, directory), `${path}/`);
    else yield path;
  }
}

await Deno.remove(out, { recursive: true }).catch(() => {});

// 1. One module per source file.
await run("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"]);
await run("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.cli.json"]);

// 2. The bundles. A cold import pays for each file it loads (in Node, a module that imports
// nothing is much cheaper than one that imports a chunk) and for each byte V8 compiles. So:
// - build A: the root entry, `@x/oauth`, one file with no static import;
// - build B: `_chunks/portable.js`, which re-exports the names of every other portable entry
//   (under `<entry>__<name>`), `_chunks/node.js`, those and the names of the entries that need Node
//   (the file store: see tsconfig.cli.json), and the bin, which imports the CLI and re-exports
//   `node.js`, sharing chunks; no portable entry loads a chunk that imports a Node built-in, and
//   the other entries are files of re-exports from `portable.js` or `node.js`;
// - build C: what the clients load on first use (`import()`: OAuth 1.0a's signing, the rarely used
//   parts of OAuth2Client), one chunk each;
// - build D: the `oauth1` entry, one file.
//
// Each class must exist once, whichever entries a program imports it through (`instanceof
// OAuthError`). Builds B and C take what the root exports from the root: a module of the root's
// whose exports include a class, function or object that the root exports too is replaced there
// by one that re-exports the module but takes those names from `../mod.js`. The root's other
// modules (pure functions and constants) are bundled again where they are needed. The root and
// the `oauth1` entry, which load nothing else, share such modules through a registry instead.
const library = Object.fromEntries(
  Object.entries(denoJson.exports as Record<string, string>).map(([subpath, path]) => [
    stem(path),
    subpath === "." ? "root" : subpath.slice(2).replace(/\W/g, "_"),
  ]),
);
const DIRECT = ["mod", "oauth1/mod"];
const nodeOnly = (JSON.parse(await Deno.readTextFile(new URL("tsconfig.cli.json", root)))
  .files as string[]).map(stem).filter((name) => library[name]);
const portable = Object.keys(library).filter((name) => !nodeOnly.includes(name));
const names: Record<string, string[]> = JSON.parse(
  await output("node", [
    "--input-type=module",
    "-e",
    `const names = {};
for (const name of ${JSON.stringify(Object.keys(library))}) {
  names[name] = Object.keys(await import(${JSON.stringify(unbundled.href)} + name + ".js"));
}
console.log(JSON.stringify(names));`,
  ]),
);
const alias = (name: string, exported: string) => `${library[name]}__${exported}`;
const reexports = (name: string, from: string, rename: (exported: string) => string) =>
  `export {\n${names[name].map((exported) => `  ${rename(exported)},\n`).join("")}} from ${
    JSON.stringify(from)
  };\n`;
const aliased = (entries: string[]) =>
  entries.map((name) =>
    reexports(
      name,
      new URL(`${name}.js`, unbundled).pathname,
      (exported) => `${exported} as ${alias(name, exported)}`,
    )
  ).join("");
const virtual: Record<string, string> = {
  portable: aliased(portable.filter((name) => !DIRECT.includes(name))),
  node: `export * from "x-oauth:portable";\n${aliased(nodeOnly)}`,
  bin: `#!/usr/bin/env node\nimport ${
    JSON.stringify(new URL(`${stem(BIN)}.js`, unbundled).pathname)
  };\nexport * from "x-oauth:node";\n`,
};
const common = {
  outdir: esm.pathname,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Whitespace and syntax only: V8's compile time follows the source's length, and identifiers
  // keep their names (classes' and functions' `name`, stack traces) without esbuild's keepNames,
  // which costs a call per function at import time.
  minifyWhitespace: true,
  minifySyntax: true,
  // Source maps through to the TypeScript (tsc's maps, with the sources inlined, are read by
  // esbuild), so that stack traces under `--enable-source-maps` and debuggers show our code.
  sourcemap: "linked",
  external: Object.keys(workspace.dependencies ?? {}).concat("node:*"),
  logLevel: "warning",
} as const;

// Build A: the root, one file; each `import()` in it names the chunk build C makes of its module.
const lazy = new Map<string, string>();
const leaveLazy = {
  name: "x-oauth-lazy",
  setup(build: PluginBuild) {
    build.onResolve({ filter: /.*/ }, ({ kind, path, resolveDir }) => {
      if (kind !== "dynamic-import") return undefined;
      const file = join(resolveDir, path);
      const chunk = `lazy-${relative(unbundled.pathname, file).replace(/\.js$/, "")}`
        .replace(/\W/g, "_");
      lazy.set(file, chunk);
      return { path: `./_chunks/${chunk}.js`, external: true };
    });
  },
};
const rootEntry = [{ in: new URL("mod.js", unbundled).pathname, out: "mod" }];
const { metafile } = await build({
  ...common,
  entryPoints: rootEntry,
  write: false,
  metafile: true,
  plugins: [leaveLazy],
});
// The root's modules that hold a class, function or object the root exports.
const rootModules = Object.keys(metafile.inputs).map((input) => join(root.pathname, input));
const shared = await exportedBy(new URL("mod.js", unbundled).pathname, rootModules);

// The root and the `oauth1` entry both carry some of those modules (build D below), and a program
// may load both: the first to load registers its copy of each under a global symbol of this
// package's version, and every copy exports the registered one, so that `OAuthError` and
// `OAuth1Client` are one class whichever entry a program imports them from, in whichever order.
const oauth1Entry = [{ in: new URL("oauth1/mod.js", unbundled).pathname, out: "oauth1/mod" }];
const oauth1Modules = Object.keys(
  (await build({ ...common, entryPoints: oauth1Entry, write: false, metafile: true })).metafile
    .inputs,
).map((input) => join(root.pathname, input));
const both = new Set(oauth1Modules.filter((file) => file in shared));
const REGISTRY = `Symbol.for(${JSON.stringify(`${denoJson.name}@${denoJson.version}`)})`;
const registered = {
  name: "x-oauth-registered",
  setup(build: PluginBuild) {
    build.onResolve({ filter: /.*/ }, ({ kind, namespace, path, resolveDir }) => {
      if (namespace === "x-oauth-registered" || kind === "entry-point") return undefined;
      if (!/^[./]/.test(path)) return undefined;
      const file = resolve(resolveDir, path);
      return both.has(file) ? { path: file, namespace: "x-oauth-registered" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "x-oauth-registered" }, ({ path }) => {
      const names = shared[path].map(([name]) => name);
      return {
        contents: `export * from ${JSON.stringify(path)};
import { ${names.map((name, i) => `${name} as _${i}`).join(", ")} } from ${JSON.stringify(path)};
const registry = (globalThis[${REGISTRY}] ??= {});
const registered = (registry[${JSON.stringify(relative(unbundled.pathname, path))}] ??= {
  ${names.map((name, i) => `${name}: _${i}`).join(", ")} });
export const { ${names.join(", ")} } = registered;\n`,
        resolveDir: dirname(path),
        loader: "js",
      };
    });
  },
};
await build({ ...common, entryPoints: rootEntry, plugins: [leaveLazy, registered] });

// And the modules whose classes, functions or objects a chunk of build C exports (the discovery
// cache behind `discoverMetadata` and `clearDiscoveryCache`): build B takes those from the chunk.
const fromChunks: Record<string, [string, string, string][]> = {};
const others = (await allModules()).filter((file) => !rootModules.includes(file));
for (const [file, chunk] of lazy) {
  const found = await exportedBy(file, others.filter((other) => other !== file));
  for (const [other, names] of Object.entries(found)) {
    fromChunks[other] = [
      ...fromChunks[other] ?? [],
      ...names.map(([name, exported]): [string, string, string] => [name, exported, chunk]),
    ];
  }
}

// Builds B and C take what the root exports from the root (`../mod.js`: every file they make sits
// one folder deep), and the parts loaded on first use from build C's chunks; build B also takes
// from those chunks what they export (`takeShared(true)`).
const takeShared = (fromChunksToo: boolean) => ({
  name: "x-oauth-from-root",
  setup(build: PluginBuild) {
    const replaced = (file: string) =>
      file in shared || (fromChunksToo && (fromChunks[file]?.length ?? 0) > 0);
    build.onResolve({ filter: /.*/ }, ({ kind, namespace, path, resolveDir }) => {
      // A part loaded on first use is the one chunk build C makes of it, whoever loads it.
      const chunk = kind === "dynamic-import" ? lazy.get(resolve(resolveDir, path)) : undefined;
      if (chunk !== undefined) return { path: `../_chunks/${chunk}.js`, external: true };
      if (namespace === "x-oauth-root") {
        return path.startsWith("x-oauth-root:")
          ? { path: path.slice("x-oauth-root:".length), external: true }
          : undefined;
      }
      if (kind === "entry-point" || !/^[./]/.test(path)) return undefined;
      const file = resolve(resolveDir, path);
      return replaced(file) ? { path: file, namespace: "x-oauth-root" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "x-oauth-root" }, ({ path }) => {
      const from = new Map<string, string[]>();
      for (const [name, exported] of shared[path] ?? []) {
        from.set("../mod.js", [...from.get("../mod.js") ?? [], `${exported} as ${name}`]);
      }
      for (const [name, exported, chunk] of fromChunksToo ? fromChunks[path] ?? [] : []) {
        const file = `../_chunks/${chunk}.js`;
        from.set(file, [...from.get(file) ?? [], `${exported} as ${name}`]);
      }
      return {
        contents: `export * from ${JSON.stringify(path)};\n${
          [...from].map(([file, names]) =>
            `export { ${names.join(", ")} } from ${JSON.stringify(`x-oauth-root:${file}`)};\n`
          ).join("")
        }`,
        resolveDir: dirname(path),
        loader: "js",
      };
    });
  },
});

// Build B: the entries that carry everything (portable, node, the bin), sharing chunks.
await build({
  ...common,
  entryPoints: [
    { in: "x-oauth:portable", out: "_chunks/portable" },
    { in: "x-oauth:node", out: "_chunks/node" },
    { in: "x-oauth:bin", out: stem(BIN) },
  ],
  splitting: true,
  chunkNames: "_chunks/[name]-[hash]",
  plugins: [{
    name: "x-oauth-virtual",
    setup(build) {
      build.onResolve({ filter: /^x-oauth:/ }, ({ path }) => ({
        path: path.slice("x-oauth:".length),
        namespace: "x-oauth",
      }));
      build.onLoad({ filter: /.*/, namespace: "x-oauth" }, ({ path }) => ({
        contents: virtual[path],
        resolveDir: unbundled.pathname,
        loader: "js",
      }));
    },
  }, takeShared(true)],
});

// Build C: each chunk the root loads on first use, one file each beside the root (a first
// `sign()` loads one file, not a tree of chunks).
await build({
  ...common,
  entryPoints: [...lazy].map(([file, chunk]) => ({ in: file, out: `_chunks/${chunk}` })),
  plugins: [takeShared(false)],
});

// Build D: the `oauth1` entry, one file of its own (its client's signing code included), so that
// a program that signs with OAuth 1.0a alone does not load the root.
await build({
  ...common,
  entryPoints: oauth1Entry,
  plugins: [registered],
});
await stop();
// Then terser shortens the names that only a function's body sees (parameters and local variables),
// which is most of what is left to compile after whitespace, and nothing else: top-level functions,
// classes and properties keep their names, so `name`, `toString()` and stack traces read as the
// sources do. Its maps go on from esbuild's.
for await (const path of walk(esm)) {
  if (!path.endsWith(".js")) continue;
  const file = new URL(path, esm);
  const mapFile = new URL(`${path}.map`, esm);
  const code = await Deno.readTextFile(file);
  const hasMap = await Deno.stat(mapFile).then(() => true, () => false);
  const result = await minify(code, {
    // Parsed as a module (top-level await), but not `module: true`, which would rename top-level
    // names too. terser reads `parse.module`; its types leave it out.
    parse: { module: true } as MinifyOptions["parse"],
    compress: false,
    mangle: { toplevel: false, keep_classnames: true, keep_fnames: true },
    // A line per statement where it can, and no line much over 200 characters: Node shows the
    // line an uncaught error was thrown on, which must not be the whole file.
    format: { ascii_only: true, semicolons: false, max_line_len: 200 },
    sourceMap: hasMap
      ? {
        content: await Deno.readTextFile(mapFile),
        url: `${path.split("/").at(-1)}.map`,
        includeSources: true,
      }
      : false,
  });
  await Deno.writeTextFile(file, result.code!);
  if (hasMap) await Deno.writeTextFile(mapFile, result.map as string);
}
// The maps name the sources by their place in this repository; in the package they are named as
// if they sat at its root (`node_modules/@x/oauth/oauth2/client.ts`), their text inlined.
for await (const path of walk(esm)) {
  if (!path.endsWith(".js.map")) continue;
  const file = new URL(path, esm);
  const map = JSON.parse(await Deno.readTextFile(file));
  map.sources = map.sources.map((source: string) =>
    // A module the build wrote (a plugin's namespace), named after the one it stands for.
    /x-oauth[\w-]*:/.test(source)
      ? `x-oauth-build/${source.split("/_unbundled/").at(-1)}`
      : relative(
        dirname(file.pathname),
        join(out.pathname, relative(root.pathname, join(dirname(file.pathname), source))),
      )
  );
  await Deno.writeTextFile(file, JSON.stringify(map));
}
for (const name of Object.keys(library).filter((name) => !DIRECT.includes(name))) {
  const file = new URL(`${name}.js`, esm);
  await Deno.mkdir(new URL("./", file), { recursive: true });
  const chunk = `${"../".repeat(name.split("/").length - 1) || "./"}_chunks/${
    nodeOnly.includes(name) ? "node" : "portable"
  }.js`;
  await Deno.writeTextFile(
    file,
    reexports(name, chunk, (exported) => `${alias(name, exported)} as ${exported}`),
  );
}

// 3. Declarations beside the bundles.
let declarations = 0;
for await (const path of walk(unbundled)) {
  if (!path.endsWith(".d.ts")) continue;
  const target = new URL(path, esm);
  await Deno.mkdir(new URL("./", target), { recursive: true });
  await Deno.copyFile(new URL(path, unbundled), target);
  declarations++;
}

const exports = Object.fromEntries(
  Object.entries(denoJson.exports as Record<string, string>).map((
    [name, path],
  ) => [name, entry(path)]),
);
const manifest = {
  name: denoJson.name,
  version: denoJson.version,
  description:
    "OAuth 1.0a and OAuth 2.0 clients on web standards, proven against oauthlib and oidc-provider",
  license: denoJson.license,
  type: "module",
  exports,
  main: "./esm/mod.js",
  types: "./esm/mod.d.ts",
  bin: { oauth: `./esm/${stem(BIN)}.js` },
  // The library has none; the CLI's entry runs itself.
  sideEffects: [`./esm/${stem(BIN)}.js`],
  engines: { node: ">=20.3" },
  files: ["esm/", "README.md", "LICENSE"],
  keywords: ["oauth", "oauth2", "oauth1", "pkce", "oidc", "deno", "cloudflare-workers", "bun"],
  dependencies: workspace.dependencies,
};
await Deno.writeTextFile(new URL("package.json", out), JSON.stringify(manifest, null, 2) + "\n");
await Deno.copyFile(new URL("README.md", root), new URL("README.md", out));
await Deno.copyFile(new URL("LICENSE", root), new URL("LICENSE", out));

// What a cold import of each entry loads: its file and the chunks it imports, transitively; with
// `lazy`, also what those files may load later with `import()`.
async function loads(
  file: URL,
  lazy = false,
  seen = new Map<string, number>(),
): Promise<Map<string, number>> {
  if (seen.has(file.href)) return seen;
  const source = await Deno.readTextFile(file);
  seen.set(file.href, new TextEncoder().encode(source).byteLength);
  for (const specifier of importsIn(source, { lazy })) {
    if (specifier.startsWith(".")) await loads(new URL(specifier, file), lazy, seen);
  }
  return seen;
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const sum = (sizes: Iterable<number>) => [...sizes].reduce((total, size) => total + size, 0);
const built = new Map<string, number>();
for await (const path of walk(esm)) {
  if (path.endsWith(".js")) built.set(path, (await Deno.stat(new URL(path, esm))).size);
}
console.log(
  `esbuild: ${built.size} files in npm/esm/ (${kb(sum(built.values()))}), ` +
    `${[...built.keys()].filter((path) => path.startsWith("_chunks/")).length} of them chunks; ` +
    `${declarations} .d.ts files`,
);
const builtIns: string[] = [];
for (const name of [...Object.keys(library), stem(BIN)]) {
  const files = await loads(new URL(`${name}.js`, esm));
  const later = await loads(new URL(`${name}.js`, esm), true);
  for (const file of files.keys()) later.delete(file);
  console.log(
    `  ${name}.js loads ${files.size} file(s), ${kb(sum(files.values()))}` +
      (later.size ? `; on first use ${later.size} more, ${kb(sum(later.values()))}` : ""),
  );
  if (!portable.includes(name)) continue;
  for (const file of [...files.keys(), ...later.keys()]) {
    const text = await Deno.readTextFile(new URL(file));
    if (importsIn(text, { lazy: true }).some((from) => from.startsWith("node:"))) {
      builtIns.push(`${name}.js: ${file}`);
    }
  }
}
if (builtIns.length > 0) {
  throw new Error(`portable entries load Node built-ins:\n${builtIns.join("\n")}`);
}

// 4. The bundles export what the modules they came from export, and a name that several entries
// export is one value in the bundles exactly when it is one value in the modules (one `OAuthError`,
// one `OAuth2Client`; `github` the hook and `github` the preset stay two), whichever entry a
// program loads first (the registry of build D).
const compare = (order: string[]) => `
const differ = [];
const seen = new Map();
for (const name of ${JSON.stringify(order)}) {
  const bundled = await import(${JSON.stringify(esm.href)} + name + ".js");
  const original = await import(${JSON.stringify(unbundled.href)} + name + ".js");
  const [a, b] = [bundled, original].map((module) => Object.keys(module).sort().join(" "));
  if (a !== b) differ.push(name + ".js exports " + a + ", its module " + b);
  for (const [exported, value] of Object.entries(bundled)) {
    const before = seen.get(exported);
    if (before && (before.value === value) !== (before.original === original[exported])) {
      differ.push(exported + " is " + (before.value === value ? "one value" : "two values") +
        " in " + before.name + ".js and " + name + ".js, unlike in their modules");
    }
    seen.set(exported, { name, value, original: original[exported] });
  }
}
if (differ.length) { console.error(differ.join("\\n")); process.exit(1); }
`;
const entries = Object.keys(library);
await run("node", ["--input-type=module", "-e", compare(entries)], "(the bundles' exports)");
const oauth1First = ["oauth1/mod", ...entries.filter((name) => name !== "oauth1/mod")];
await run("node", ["--input-type=module", "-e", compare(oauth1First)], "(oauth1 first)");
console.log(
  `the ${entries.length} bundled entries export the names of their modules, each value once, ` +
    "whether the root or `oauth1` loads first",
);

await run("node", ["node_modules/publint/src/cli.js", "npm", "--strict"]);
await run("node", [
  "node_modules/@arethetypeswrong/cli/dist/index.js",
  "--pack",
  "npm",
  "--profile",
  "esm-only",
]);
console.log(`built ${manifest.name}@${manifest.version} in npm/`);
