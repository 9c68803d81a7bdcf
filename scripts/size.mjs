// deno-lint-ignore-file no-console -- a measuring script reports on the console
// `npm run size`: each consumer in bench/size/ bundled by esbuild (minified, ESM, browser
// platform) and gzipped; the sizes users pay for, side by side. Bundled from the sources (the
// figures the budgets hold), and, when `npm run build` has written npm/, from the npm package
// (its bundled entry points and chunks, through its exports map): what a user's bundler makes of
// what we ship. Then the budgets of the runtimes issue and the tree-shaking they rely on, as
// checks ending with the `N passed, N failed` line of the test suites (CI runs this too).
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { linkBuiltPackage } from "./_built_package.mjs";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const BUILT = existsSync(resolve(ROOT, "npm/package.json"));
if (BUILT) linkBuiltPackage();

/**
 * The consumers' imports of library sources → the package entry of the source's folder (the
 * root's files → `@x/oauth`, `oauth2/*` → `@x/oauth/oauth2`, …); a name the entry does not export
 * fails the bundle.
 */
const fromPackage = {
  name: "from-package",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, async (args) => {
      const file = relative(ROOT, resolve(args.resolveDir, args.path));
      if (file.startsWith("bench/") || file.startsWith("..")) return undefined;
      const folder = dirname(file);
      const entry = folder === "." ? "@x/oauth" : `@x/oauth/${folder}`;
      return await build.resolve(entry, { resolveDir: ROOT, kind: args.kind });
    });
  },
};

const CLIENT = "OAuth 2.0 code flow on OAuth2Client";
const FUNCTIONS = "OAuth 2.0 code flow on @x/oauth/oauth2 functions";
const OAUTH4WEBAPI = "OAuth 2.0 code flow on oauth4webapi";
const PUBLIC = "OAuth 2.0 public client (PKCE, no secret) on @x/oauth/oauth2 functions";
const PUBLIC_OAUTH4WEBAPI = "OAuth 2.0 public client (PKCE, no secret) on oauth4webapi, None()";
const HEADER = "OAuth 1.0a HMAC-SHA1 sign only (header)";
const consumers = {
  [CLIENT]: "bench/size/oauth2_code_flow.ts",
  [FUNCTIONS]: "bench/size/oauth2_code_flow_functions.ts",
  [OAUTH4WEBAPI]: "bench/size/oauth4webapi_code_flow.ts",
  [PUBLIC]: "bench/size/oauth2_public_code_flow_functions.ts",
  [PUBLIC_OAUTH4WEBAPI]: "bench/size/oauth4webapi_public_code_flow.ts",
  [HEADER]: "bench/size/oauth1_sign.ts",
  "OAuth 1.0a signOAuth1Request (3 placements)": "bench/size/oauth1_sign_request.ts",
};
async function bundle(entry, plugins = []) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    plugins,
  });
  const bytes = result.outputFiles[0].contents;
  const { inputs } = Object.values(result.metafile.outputs)[0];
  return {
    minified: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    // The files that put code in the bundle: more than the few dozen bytes of the empty init
    // function esbuild leaves of a module that an `import()` (a client's part loaded on first use)
    // reaches but the consumer never runs.
    files: Object.keys(inputs).filter((file) => inputs[file].bytesInOutput > 64),
  };
}
const bundles = {};
const packaged = {};
for (const [name, entry] of Object.entries(consumers)) {
  bundles[name] = await bundle(entry);
  if (BUILT) packaged[name] = await bundle(entry, [fromPackage]);
}
console.table(
  Object.fromEntries(
    Object.entries(bundles).map(([name, size]) => [name, {
      "minified (B)": size.minified,
      "gzip (B)": size.gzip,
      ...(BUILT
        ? { "from npm/: minified (B)": packaged[name].minified, "gzip (B) ": packaged[name].gzip }
        : {}),
    }]),
  ),
);
if (!BUILT) console.log("(npm/ is not built: `npm run build` adds the figures from the package)");

/** A check that the named bundle carries none of the files matching `pattern`. */
const without = (name, pattern, what) => [
  `${name} carries no ${what}`,
  () => bundles[name].files.filter((file) => pattern.test(file)),
];
const checks = [
  [
    `${FUNCTIONS} is no larger than on oauth4webapi`,
    () => bundles[FUNCTIONS].gzip > bundles[OAUTH4WEBAPI].gzip ? [bundles[FUNCTIONS].gzip] : [],
  ],
  [
    `${PUBLIC} is no larger than on oauth4webapi`,
    () => bundles[PUBLIC].gzip > bundles[PUBLIC_OAUTH4WEBAPI].gzip ? [bundles[PUBLIC].gzip] : [],
  ],
  [`${HEADER} is at most 3 KB`, () => bundles[HEADER].gzip > 3072 ? [bundles[HEADER].gzip] : []],
  without(
    CLIENT,
    /^(hooks\/(?!compose|run|types)|oauth1\/options)/,
    "provider hook or OAuth 1.0a options",
  ),
  without(
    FUNCTIONS,
    // grants.ts holds the token request the functions share; the grants themselves shake out.
    /^(oauth2\/(client|options|refresh|id_token|dpop|discovery)\.ts|hooks\/|_sha1)/,
    "client, refresh, ID token, DPoP, discovery or hook code",
  ),
  without(HEADER, /^(_sha1|oauth2\/|_request)/, "SHA-1, OAuth 2.0 or request rebuilding code"),
];
let failed = 0;
for (const [name, offenders] of checks) {
  const found = offenders();
  if (found.length > 0) failed++;
  console.log(
    `${found.length === 0 ? "ok  " : "FAIL"} ${name}${found.length ? `: ${found.join(", ")}` : ""}`,
  );
}
console.log(`\n${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
