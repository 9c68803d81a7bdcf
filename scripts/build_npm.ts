// deno-lint-ignore-file no-console -- a build script reports on the console
/**
 * `npm run build`: the npm package of `@x/oauth` in `npm/`, from the same sources as JSR.
 *
 * tsc (with `rewriteRelativeImportExtensions`) emits ESM and `.d.ts` into `npm/esm/`; the
 * package.json gets one export per entry point, `sideEffects: false`, the Node version the code
 * needs and the two runtime dependencies; README and LICENSE are copied. `publint` and
 * `@arethetypeswrong/cli` then check the package; any complaint fails the build.
 *
 * @module
 */

const root = new URL("../", import.meta.url);
const out = new URL("npm/", root);
const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
const workspace = JSON.parse(await Deno.readTextFile(new URL("package.json", root)));

async function run(command: string, args: string[]): Promise<void> {
  console.log(`$ ${command} ${args.join(" ")}`);
  const { success } = await new Deno.Command(command, {
    args,
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (!success) throw new Error(`${command} failed`);
}

function entry(path: string) {
  const base = path.replace(/^\.\//, "./esm/").replace(/\.ts$/, "");
  return { types: `${base}.d.ts`, import: `${base}.js`, default: `${base}.js` };
}

await Deno.remove(out, { recursive: true }).catch(() => {});
await run("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"]);
// The CLI and the file store (`@x/oauth/file`) may use Node built-ins (the rest of the library
// may not), so they compile with Node's types.
await run("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.cli.json"]);

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
  bin: { oauth: "./esm/cli/bin.js" },
  // The library has none; the CLI's entry runs itself.
  sideEffects: ["./esm/cli/bin.js"],
  engines: { node: ">=20.3" },
  files: ["esm/", "README.md", "LICENSE"],
  keywords: ["oauth", "oauth2", "oauth1", "pkce", "oidc", "deno", "cloudflare-workers", "bun"],
  dependencies: workspace.dependencies,
};
await Deno.writeTextFile(new URL("package.json", out), JSON.stringify(manifest, null, 2) + "\n");
await Deno.copyFile(new URL("README.md", root), new URL("README.md", out));
await Deno.copyFile(new URL("LICENSE", root), new URL("LICENSE", out));

await run("node", ["node_modules/publint/src/cli.js", "npm", "--strict"]);
await run("node", [
  "node_modules/@arethetypeswrong/cli/dist/index.js",
  "--pack",
  "npm",
  "--profile",
  "esm-only",
]);
console.log(`built ${manifest.name}@${manifest.version} in npm/`);
