import assert from "node:assert/strict";
import { assertSignableTransport } from "../../oauth1/transport.ts";
import { SIGNATURE_METHODS } from "../../oauth1/method_names.ts";
import { OAuthError } from "../../errors.ts";

const insecure = (message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof OAuthError);
  assert.equal(error.code, "insecure_transport");
  assert.match(error.message, message);
  return true;
};

Deno.test("https and loopback http are signable by every method, with or without the opt-in", () => {
  const urls = ["https://api.example/x", "http://127.0.0.1:8080/x", "http://localhost/x"];
  for (const url of [...urls, "http://[::1]:9/x"]) {
    for (const method of SIGNATURE_METHODS) {
      for (const allowInsecure of [false, true]) {
        assertSignableTransport(new URL(url), method, allowInsecure);
      }
    }
  }
});

Deno.test("http beyond loopback is refused by default, and the message names allowInsecureRequests", () => {
  for (const method of SIGNATURE_METHODS.filter((method) => method !== "PLAINTEXT")) {
    assert.throws(
      () => assertSignableTransport(new URL("http://example.com/x?secret=1"), method, false),
      insecure(
        /^a signed request must use https: .*allowInsecureRequests: true.* got http:\/\/example\.com\/x$/,
      ),
    );
  }
});

Deno.test("http beyond loopback is signable by HMAC and RSA methods with the opt-in", () => {
  for (const method of SIGNATURE_METHODS.filter((method) => method !== "PLAINTEXT")) {
    assertSignableTransport(new URL("http://example.com/x"), method, true);
  }
});

Deno.test("PLAINTEXT over http beyond loopback is refused even with the opt-in, and the message says why (RFC 5849 §3.4.4)", () => {
  for (const allowInsecure of [false, true]) {
    assert.throws(
      () => assertSignableTransport(new URL("http://example.com/x"), "PLAINTEXT", allowInsecure),
      insecure(
        /PLAINTEXT request must use https: \(RFC 5849 §3\.4\.4.*got http:\/\/example\.com\/x; .*even with allowInsecureRequests: true/,
      ),
    );
  }
});

Deno.test("schemes other than http and https are refused whatever the opt-in says", () => {
  for (const method of SIGNATURE_METHODS) {
    assert.throws(
      () => assertSignableTransport(new URL("ftp://example.com/x"), method, true),
      insecure(/must use https:/),
    );
  }
});
