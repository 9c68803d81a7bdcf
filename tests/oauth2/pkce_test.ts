import assert from "node:assert/strict";
import {
  assertCodeVerifier,
  codeChallenge,
  generateCodeVerifier,
} from "../../oauth2/authorization.ts";

Deno.test("the S256 challenge of the RFC 7636 Appendix B verifier is the published one", async () => {
  assert.equal(
    await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
});

Deno.test("the plain challenge is the verifier itself", async () => {
  assert.equal(await codeChallenge("a".repeat(43), "plain"), "a".repeat(43));
});

Deno.test("generated verifiers are 43 base64url characters, and unique", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const verifier = generateCodeVerifier();
    assert.equal(assertCodeVerifier(verifier), verifier);
    seen.add(verifier);
  }
  assert.equal(seen.size, 1000);
});

Deno.test("a verifier outside RFC 7636 §4.1 (length, characters) is a TypeError", () => {
  for (
    const bad of ["a".repeat(42), "a".repeat(129), "a".repeat(42) + "+", "a".repeat(42) + " ", 42]
  ) {
    assert.throws(() => assertCodeVerifier(bad), {
      name: "TypeError",
      message: /43 to 128 unreserved/,
    });
  }
  assert.equal(assertCodeVerifier("a-._~".repeat(9)), "a-._~".repeat(9));
});
