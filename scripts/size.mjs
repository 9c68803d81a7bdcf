// deno-lint-ignore-file no-console -- a measuring script reports on the console
// `npm run size`: each consumer in bench/size/ bundled by esbuild (minified, ESM, browser
// platform) and gzipped; the sizes users pay for, side by side.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

const consumers = {
  "OAuth 2.0 code flow on @x/oauth": "bench/size/oauth2_code_flow.ts",
  "OAuth 2.0 code flow on oauth4webapi": "bench/size/oauth4webapi_code_flow.ts",
  "OAuth 1.0a HMAC-SHA1 sign only (header)": "bench/size/oauth1_sign.ts",
  "OAuth 1.0a signOAuth1Request (3 placements)": "bench/size/oauth1_sign_request.ts",
};
const sizes = {};
for (const [name, entry] of Object.entries(consumers)) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  sizes[name] = { minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}
console.table(
  Object.fromEntries(
    Object.entries(sizes).map((
      [name, size],
    ) => [name, { "minified (B)": size.minified, "gzip (B)": size.gzip }]),
  ),
);
