// deno-lint-ignore-file no-console -- a measuring script reports on the console
// `npm run size`: each consumer in bench/size/ bundled by esbuild (minified, ESM, browser
// platform) and gzipped; the sizes users pay for, side by side. Then the budgets of the
// runtimes issue and the tree-shaking they rely on, as checks ending with the
// `N passed, N failed` line of the test suites (CI runs this too).
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

const CLIENT = "OAuth 2.0 code flow on OAuth2Client";
const FUNCTIONS = "OAuth 2.0 code flow on @x/oauth/oauth2 functions";
const OAUTH4WEBAPI = "OAuth 2.0 code flow on oauth4webapi";
const HEADER = "OAuth 1.0a HMAC-SHA1 sign only (header)";
const consumers = {
  [CLIENT]: "bench/size/oauth2_code_flow.ts",
  [FUNCTIONS]: "bench/size/oauth2_code_flow_functions.ts",
  [OAUTH4WEBAPI]: "bench/size/oauth4webapi_code_flow.ts",
  [HEADER]: "bench/size/oauth1_sign.ts",
  "OAuth 1.0a signOAuth1Request (3 placements)": "bench/size/oauth1_sign_request.ts",
};
const bundles = {};
for (const [name, entry] of Object.entries(consumers)) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
  });
  const bytes = result.outputFiles[0].contents;
  const { inputs } = Object.values(result.metafile.outputs)[0];
  bundles[name] = {
    minified: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    // The source files that put code in the bundle.
    files: Object.keys(inputs).filter((file) => inputs[file].bytesInOutput > 0),
  };
}
console.table(
  Object.fromEntries(
    Object.entries(bundles).map((
      [name, size],
    ) => [name, { "minified (B)": size.minified, "gzip (B)": size.gzip }]),
  ),
);

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
  [`${HEADER} is at most 3 KB`, () => bundles[HEADER].gzip > 3072 ? [bundles[HEADER].gzip] : []],
  without(
    CLIENT,
    /^(hooks\/(?!compose|run|types)|oauth1\/options)/,
    "provider hook or OAuth 1.0a options",
  ),
  without(
    FUNCTIONS,
    /^(oauth2\/(client|options|jwt|grants)\.ts|hooks\/|_sha1)/,
    "client, JWT, grant or hook code",
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
