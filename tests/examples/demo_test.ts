/**
 * `npm run demo`: every step runs the CLI as a separate process against the loopback
 * providers and ends with exit code 0; the last introspection shows the revoked token
 * inactive.
 */
import assert from "node:assert/strict";
import { runDemo } from "../../examples/demo.ts";

Deno.test("the demo drives every main flow through the CLI, each step succeeding", async () => {
  const lines: string[] = [];
  const steps = await runDemo((line) => lines.push(line));
  assert.deepEqual(steps.map((step) => step.title), [
    "OAuth 1.0a, 3-legged, with a loopback callback",
    "A signed request, as curl",
    "Discovery",
    "Authorization code + PKCE through a loopback redirect",
    "An API call with the saved token",
    "Refresh (the provider rotates the refresh token)",
    "Client credentials",
    "Device authorization grant",
    "Introspection",
    "Revocation",
    "Introspection after revocation",
  ]);
  assert.ok(steps.every((step) => step.code === 0));
  assert.equal(JSON.parse(steps[steps.length - 1].stdout).active, false);
  const output = lines.join("\n");
  assert.match(output, /… which the provider answers: HTTP 200 \{"name":"Ada Lovelace"/);
  assert.match(output, /"sub": "alice"|sub":"alice"/);
  assert.doesNotMatch(output, /demo-secret/);
});
