import assert from "node:assert/strict";
import { bundleLoad, staticGraph } from "../_static_graph.ts";
import { concurrentFirstCalls } from "./_first_calls.ts";

// OAuth 1.0a's signing code, which the root entry loads only when an OAuth1Client first
// signs: OAuth 2.0 users of the root do not compile it on a cold start.
const LOADED_ON_FIRST_USE = [
  "oauth1/_signing.ts",
  "oauth1/_sha256.ts",
  "_sha1.ts",
  "_block_hash.ts",
  "oauth1/signature_methods.ts",
  "oauth1/base_string.ts",
  "oauth1/authorization_header.ts",
  "oauth1/rsa_key.ts",
  "oauth1/credentials.ts",
  "oauth1/body_hash.ts",
];

Deno.test("the root entry's static imports reach OAuth1Client but none of OAuth 1.0a's signing code", () => {
  const graph = staticGraph("mod.ts");
  assert.ok(graph.has("oauth1/client.ts"), "the walk reaches the client");
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => graph.has(file)), []);
});

Deno.test("bundled as the npm build bundles the root, it holds none of that code, loaded later", async () => {
  const { sources, lazySources } = await bundleLoad("mod.ts");
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => sources.has(file)), []);
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => !lazySources.has(file)), []);
});

Deno.test("a fresh client's first calls, started at once in a new process, all succeed and sign as usual", async () => {
  const script = `import { concurrentFirstCalls } from ${
    JSON.stringify(new URL("./_first_calls.ts", import.meta.url).href)
  };\nconsole.log(JSON.stringify(await concurrentFirstCalls()));`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", script],
    cwd: new URL("../..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const cold: string[] = JSON.parse(new TextDecoder().decode(stdout));
  const [hmac, hmacAgain, rsa, rsaAgain, requestToken, temporary] = cold;
  assert.match(hmac, /oauth_signature_method="HMAC-SHA1".*oauth_signature="[^"]+"/);
  assert.match(rsa, /oauth_signature_method="RSA-SHA256".*oauth_signature="[^"]+"/);
  assert.match(requestToken, /oauth_callback="oob".*oauth_signature="[^"]+"/);
  assert.equal(hmacAgain, hmac);
  assert.equal(rsaAgain, rsa);
  assert.equal(temporary, "temp");
  // The same calls in this process give the same bytes.
  assert.deepEqual(cold, await concurrentFirstCalls());
});
