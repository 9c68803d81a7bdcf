// The unit suite for runtimes other than Deno: the same `Deno.test` files, bundled by esbuild with
// the test shims of tests/runtimes/ and run by tests/runtimes/run_definitions.mjs, in two runs
// (the reasons are in scripts/build_npm.ts):
// - "emit": every test file, each library source it imports (entry point or internal) replaced
//   by its compiled module in npm/_unbundled/, the tsc output the npm bundle is made from. One
//   copy of each module, as in Deno, so `instanceof` and module state hold.
// - "package": the npm package as users get it, through its exports map (npm/ linked as
//   node_modules/@x/oauth): the cross-runtime checks, the bin, and again each test file that
//   imports only entry points, following its local imports.
// A test file runs on a runtime when everything it needs, following its local imports, is there;
// the others are listed with the reason, so that nothing leaves the suite silently.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const UNBUNDLED = join(ROOT, "npm/_unbundled");
const ENTRY_POINTS = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8")).exports)
    .map(([subpath, file]) => [relative(ROOT, join(ROOT, file)), `@x/oauth${subpath.slice(1)}`]),
);

/** Names of the Deno namespace that are only types: using them needs nothing at run time. */
const DENO_TYPES = ["HttpServer", "NetAddr", "Kv", "KvKey", "TestContext", "ChildProcess"];

/** What each runtime offers beyond web standards: `Deno.*` members, and modules it lacks. */
export const RUNTIMES = {
  node: { deno: ["test", "inspect", "serve"], unavailable: [] },
  bun: { deno: ["test", "inspect", "serve"], unavailable: [] },
  workerd: {
    deno: ["test", "inspect"],
    unavailable: ["node:http", "node:child_process", "node:net", "oidc-provider", "miniflare"],
  },
};

function testFiles(directory = join(ROOT, "tests")) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith("_test.ts") ? [path] : [];
  });
}

/**
 * The `Deno.*` members, bare modules and library sources a test file uses, through its tests/ and
 * examples/ imports.
 */
function needs(file, seen = new Set()) {
  const found = { deno: new Set(), modules: new Set(), library: new Set() };
  if (seen.has(file) || !file.endsWith(".ts")) return found;
  seen.add(file);
  // Comments may name Deno APIs without using them.
  const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  for (const [, member] of source.matchAll(/\bDeno\.(\w+)/g)) {
    if (!DENO_TYPES.includes(member)) found.deno.add(member);
  }
  for (const [, specifier] of source.matchAll(/(?:from|import)\s*"([^"]+)"/g)) {
    if (!specifier.startsWith(".")) {
      found.modules.add(specifier);
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (!/^(tests|examples|scripts)\//.test(relative(ROOT, target)) && target.endsWith(".ts")) {
      found.library.add(relative(ROOT, target));
    }
    // The library itself is replaced by the built package, which is portable by contract (the
    // CLI is not: it runs on Node's APIs); a specifier that names no file is text (a script
    // inside a string), not an import.
    if (!/^(tests|examples|cli)\//.test(relative(ROOT, target)) || !existsSync(target)) continue;
    const nested = needs(target, seen);
    nested.deno.forEach((member) => found.deno.add(member));
    nested.modules.forEach((module) => found.modules.add(module));
    nested.library.forEach((source) => found.library.add(source));
  }
  return found;
}

/**
 * `{ run: [file], packaged: [file], skipped: [{ file, reason }] }` for one runtime of RUNTIMES:
 * `packaged` are the files of `run` that import the library through entry points only.
 */
export function selectTestFiles(runtime) {
  const offers = RUNTIMES[runtime];
  const run = [];
  const packaged = [];
  const skipped = [];
  for (const file of testFiles().sort()) {
    const { deno, modules, library } = needs(file);
    const missing = [
      ...[...deno].filter((member) => !offers.deno.includes(member)).map((m) => `Deno.${m}`),
      ...[...modules].filter((module) => offers.unavailable.includes(module)),
    ];
    if (missing.length > 0) {
      skipped.push({ file: relative(ROOT, file), reason: missing.join(", ") });
      continue;
    }
    run.push(file);
    if (library.size > 0 && [...library].every((source) => ENTRY_POINTS[source])) {
      packaged.push(file);
    }
  }
  return { run, packaged, skipped };
}

/**
 * Library sources → npm/_unbundled/ ("emit"), or entry points → the package through its exports
 * map ("package"): loaded by the runtime itself from node_modules/@x/oauth (`external`), or, for
 * workerd, bundled from there. Everything under tests/ and examples/ stays source.
 */
function librarySources(against, external) {
  return {
    name: `library-${against}`,
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, async (args) => {
        const file = relative(ROOT, resolve(args.resolveDir, args.path));
        if (/^(tests|examples|scripts)\//.test(file) || file.startsWith("..")) return undefined;
        if (against === "package") {
          if (!ENTRY_POINTS[file]) {
            return {
              errors: [{ text: `${file} is internal: the package run takes entry points` }],
            };
          }
          if (external) return { path: ENTRY_POINTS[file], external: true };
          return await build.resolve(ENTRY_POINTS[file], { resolveDir: ROOT, kind: args.kind });
        }
        const compiled = join(UNBUNDLED, file.replace(/\.ts$/, ".js"));
        if (existsSync(compiled)) return { path: compiled };
        return { errors: [{ text: `${file} has no compiled counterpart in npm/_unbundled/` }] };
      });
      // A bundled helper that names the package runs on the emit too, never on both at once.
      if (against === "emit") {
        build.onResolve({ filter: /^@x\/oauth(\/|$)/ }, ({ path }) => {
          const file = Object.keys(ENTRY_POINTS).find((source) => ENTRY_POINTS[source] === path);
          if (!file) return { errors: [{ text: `${path} is not an entry point of the package` }] };
          return { path: join(UNBUNDLED, file.replace(/\.ts$/, ".js")) };
        });
      }
    },
  };
}

/**
 * Bundles the shims and the given test files, against the emit or the package (`against`, see
 * the top), into one ES module whose `tail` (source text) runs them; the package run adds the
 * cross-runtime checks and, on Node and Bun, the bin. Node and Bun load npm dependencies from
 * node_modules; for workerd everything is inside the bundle.
 */
export async function bundleSuite(runtime, files, tail, against) {
  const server = RUNTIMES[runtime].deno.includes("serve");
  const node = runtime !== "workerd"; // Node, or Bun with Node's APIs
  const packaged = against === "package";
  const lines = [
    'import { testDefinitions } from "./tests/runtimes/deno_shim.mjs";',
    ...(server ? ['import "./tests/runtimes/deno_serve_shim.mjs";'] : []),
    ...files.map((file) => `import ${JSON.stringify(`./${relative(ROOT, file)}`)};`),
    ...(packaged ? ['import { checks } from "./tests/runtimes/checks.mjs";'] : []),
    // The npm package's executable, run by the runtime itself.
    ...(packaged && node ? ['import "./tests/runtimes/bin_check.mjs";'] : []),
    'import { runDefinitions } from "./tests/runtimes/run_definitions.mjs";',
    ...(packaged
      ? ["for (const [name, run] of checks) Deno.test(`built package: ${name}`, run);"]
      : []),
    tail,
  ];
  const result = await build({
    stdin: { contents: lines.join("\n"), resolveDir: ROOT, loader: "js", sourcefile: "suite.mjs" },
    bundle: true,
    format: "esm",
    platform: node ? "node" : "browser",
    conditions: node ? [] : ["workerd", "worker", "browser"],
    target: node ? "node20" : "es2022",
    external: node
      ? ["oidc-provider", "fast-check", "jose", "oauth-1.0a", "esbuild", "miniflare", "redis"]
        // CommonJS that requires Node's modules at run time, which a bundled ES module cannot.
        .concat("express", "@whatwg-node/server")
        .concat(packaged ? ["@x/oauth", "@x/oauth/*"] : [])
      : ["node:*"],
    plugins: [librarySources(against, packaged && node)],
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0].text;
}
