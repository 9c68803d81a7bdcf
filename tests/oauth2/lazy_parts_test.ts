/**
 * A cold `import "@x/oauth"` compiles only what every OAuth 2.0 client needs: the parts few
 * clients use load on first use, behind one `import()` in the client's async methods
 * (`oauth2/_rarely_used.ts`). (Reads the sources and runs esbuild, so it runs under Deno only;
 * the tests of each part prove that it works when it loads.)
 */
import assert from "node:assert/strict";
import { bundleLoad, staticGraph } from "../_static_graph.ts";

/** In priority order: what the cold import gains most from leaving out. */
const LOADED_ON_FIRST_USE = [
  "oauth2/device.ts",
  "oauth2/revoke_and_introspect.ts",
  "oauth2/profile.ts",
  "oauth2/www_authenticate.ts",
  "oauth2/dpop.ts",
  "oauth2/issuer_template.ts",
  "oauth2/id_token.ts",
  "oauth2/_jose.ts",
  "oauth2/discovery.ts",
];

Deno.test("the root entry's static imports reach OAuth2Client but none of its rarely used parts", () => {
  const reached = staticGraph("mod.ts");
  for (const file of ["oauth2/client.ts", "oauth2/token_store.ts", "oauth2/grants.ts"]) {
    assert.ok(reached.has(file), `${file} is reached from mod.ts`);
  }
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => reached.has(file)), []);
});

Deno.test("bundled as the npm build bundles the root, it is one file without those parts", async () => {
  const { imports, sources, lazySources } = await bundleLoad("mod.ts");
  // Each file costs a cold start more than its bytes: the root imports nothing statically.
  assert.deepEqual(imports, []);
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => sources.has(file)), []);
  assert.deepEqual(LOADED_ON_FIRST_USE.filter((file) => !lazySources.has(file)), []);
});

// Run in a new process, where nothing is loaded yet: the first calls of a DPoP client, all at
// once, load the rarely used parts together and share one DPoP key's prover and its nonces.
const FIRST_CALLS = `
import { OAuth2Client } from "./mod.ts";
const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
  "sign",
  "verify",
]);
const proofs = [];
const client = new OAuth2Client({
  clientId: "app",
  tokenEndpoint: "https://as.example/token",
  revocationEndpoint: "https://as.example/revoke",
  introspectionEndpoint: "https://as.example/introspect",
  dpop: pair,
  fetch: (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/revoke") return Promise.resolve(new Response(null));
    if (path === "/introspect") return Promise.resolve(Response.json({ active: false }));
    proofs.push(request.headers.get("dpop"));
    const headers = { "dpop-nonce": "n" + proofs.length };
    return Promise.resolve(Response.json({ access_token: "at", token_type: "DPoP" }, { headers }));
  },
});
const grant = { grantType: "client_credentials" };
const done = await Promise.all([
  client.fetchToken(grant),
  client.fetchToken(grant),
  client.introspectToken("t"),
  client.revokeToken("t"),
]);
await client.fetchToken(grant);
console.log(JSON.stringify({ done: done.length, proofs }));
`;

Deno.test("a DPoP client's first calls, at once in a new process, load the parts and share one prover", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", FIRST_CALLS],
    cwd: new URL("../..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const { done, proofs } = JSON.parse(new TextDecoder().decode(stdout));
  assert.equal(done, 4);
  const parts = (proof: string) =>
    proof.split(".").slice(0, 2).map((part) =>
      JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")))
    );
  const [first, second, third] = proofs.map(parts);
  assert.deepEqual(second[0].jwk, first[0].jwk, "one key's proofs");
  // The nonce of an answer to the concurrent first calls reaches the next proof: one prover.
  assert.ok(["n1", "n2"].includes(third[1].nonce), `the third proof's nonce: ${third[1].nonce}`);
});
