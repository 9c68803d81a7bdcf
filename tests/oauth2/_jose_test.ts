/** Decoding a compact JWS (oauth2/_jose.ts), against RFC 7515's example and Node's decoder. */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { OAuthError } from "../../errors.ts";
import { decodeJws } from "../../oauth2/_jose.ts";

// RFC 7515 Appendix A.1: the example JWS, header and payload as the RFC prints them.
const RFC7515_A1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
  ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
  ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

Deno.test("the RFC 7515 A.1 example decodes to the header, claims and signature the RFC gives", () => {
  const { header, payload, signature, signingInput } = decodeJws(RFC7515_A1);
  assert.deepEqual(header, { typ: "JWT", alg: "HS256" });
  assert.deepEqual(payload, { iss: "joe", exp: 1300819380, "http://example.com/is_root": true });
  assert.deepEqual(
    [...signature],
    [...Buffer.from("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "base64url")],
  );
  assert.equal(signature.length, 32); // an HMAC-SHA-256
  assert.equal(
    new TextDecoder().decode(signingInput),
    RFC7515_A1.slice(0, RFC7515_A1.lastIndexOf(".")),
  );
});

Deno.test("any signature bytes come back as Node's base64url decoder reads them", () => {
  const [head, body] = RFC7515_A1.split(".");
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const encoded = Buffer.from(bytes).toString("base64url");
      assert.deepEqual([...decodeJws(`${head}.${body}.${encoded}`).signature], [...bytes]);
    }),
    { numRuns: 500 },
  );
});

Deno.test("a signature outside the base64url alphabet, padded, or 4n + 1 characters long is invalid_id_token", () => {
  const [head, body] = RFC7515_A1.split(".");
  for (const signature of ["abc+", "abc/", "abcd==", "ab cd", "abcde", "a"]) {
    assert.throws(
      () => decodeJws(`${head}.${body}.${signature}`),
      (error) => error instanceof OAuthError && error.code === "invalid_id_token",
      signature,
    );
  }
});
