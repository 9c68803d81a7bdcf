// deno-lint-ignore-file no-console -- a build script reports on the console
/**
 * `npm run build`: the npm package of `@x/oauth` in `npm/`, from the same sources as JSR.
 *
 * 1. tsc (with `rewriteRelativeImportExtensions`) compiles the sources, one ES module and one
 *    `.d.ts` per file, into `npm/_unbundled/` (tsconfig.build.json for the library,
 *    tsconfig.cli.json with Node's types for the CLI and the file store, which may use Node
 *    built-ins). This tree is not shipped: `files` leaves it out.
 * 2. esbuild bundles that very JavaScript into `npm/esm/`, in one build: ESM, platform neutral,
 *    shared code in `npm/esm/_chunks/` (`splitting`), readable (not minified; non-ASCII escaped in
 *    strings, so V8 keeps the chunks one byte per character); `node:*` built-ins stay imports
 *    (the package has no runtime dependency; one added to package.json would stay an import
 *    too). `@x/oauth` loads 3 files and `@x/oauth/oauth1` 2 instead of a hundred (how: step 2
 *    below); the other entries are files of re-exports over the same chunks. One build, so one copy of each class:
 *    `instanceof OAuthError` holds whichever entries a program imports.
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
import { build, stop } from "esbuild";

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

// 2. The bundles. esbuild splits shared code by the set of entry points that reach it; given every
// entry point, it cut the code the root entry loads into ten chunks. So only the two entries users
// start from are bundled as they are, `@x/oauth` and `@x/oauth/oauth1`. Next to them,
// `_chunks/portable.js` re-exports the names of every portable entry (under `<entry>__<name>`),
// `_chunks/node.js` those and the names of the entries that need Node (the file store: see
// tsconfig.cli.json), and the bin imports the CLI and re-exports `node.js`. As each of these
// reaches all that the one before reaches, the chunks nest: the root loads its file and two
// chunks, `oauth1` its file and one, and no portable entry loads a chunk that imports a Node
// built-in. The other entries are files of re-exports from `portable.js` or `node.js`. One build:
// each class exists once, whichever entries a program imports it through.
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
  portable: aliased(portable),
  node: `export * from "x-oauth:portable";\n${aliased(nodeOnly)}`,
  bin: `#!/usr/bin/env node\nimport ${
    JSON.stringify(new URL(`${stem(BIN)}.js`, unbundled).pathname)
  };\nexport * from "x-oauth:node";\n`,
};
await build({
  entryPoints: [
    ...DIRECT.map((name) => ({ in: new URL(`${name}.js`, unbundled).pathname, out: name })),
    { in: "x-oauth:portable", out: "_chunks/portable" },
    { in: "x-oauth:node", out: "_chunks/node" },
    { in: "x-oauth:bin", out: stem(BIN) },
  ],
  outdir: esm.pathname,
  bundle: true,
  splitting: true,
  chunkNames: "_chunks/[name]-[hash]",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: Object.keys(workspace.dependencies ?? {}).concat("node:*"),
  logLevel: "warning",
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
  }],
});
await stop();
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

// A static import or re-export and its specifier, at the start of a line or after a `;` (the
// minified bundles put several on one line).
const STATIC_IMPORT = /(?:^|;)\s*(?:import|export)\b[^"';]*?["']([^"']+)["']/gm;

// What a cold import of each entry loads: its file and the chunks it imports, transitively.
async function loads(file: URL, seen = new Map<string, number>()): Promise<Map<string, number>> {
  if (seen.has(file.href)) return seen;
  const source = await Deno.readTextFile(file);
  seen.set(file.href, new TextEncoder().encode(source).byteLength);
  for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
    if (specifier.startsWith(".")) await loads(new URL(specifier, file), seen);
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
  console.log(`  ${name}.js loads ${files.size} file(s), ${kb(sum(files.values()))}`);
  if (!portable.includes(name)) continue;
  for (const file of files.keys()) {
    const text = await Deno.readTextFile(new URL(file));
    if ([...text.matchAll(STATIC_IMPORT)].some(([, from]) => from.startsWith("node:"))) {
      builtIns.push(`${name}.js: ${file}`);
    }
  }
}
if (builtIns.length > 0) {
  throw new Error(`portable entries load Node built-ins:\n${builtIns.join("\n")}`);
}

// 4. The bundles export what the modules they came from export, and a name that several entries
// export is one value in the bundles exactly when it is one value in the modules (one `OAuthError`,
// one `OAuth2Client`; `github` the hook and `github` the preset stay two).
const compare = `
const differ = [];
const seen = new Map();
for (const name of ${JSON.stringify(Object.keys(library))}) {
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
await run("node", ["--input-type=module", "-e", compare], "(the bundles' exports)");
console.log(
  `the ${Object.keys(library).length} bundled entries export the names of their modules, ` +
    "each value once",
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
