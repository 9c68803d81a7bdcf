import assert from "node:assert/strict";
import { isSignatureMethod, SIGNATURE_METHODS } from "../../oauth1/method_names.ts";

Deno.test("isSignatureMethod accepts the seven methods and nothing else", () => {
  for (const method of SIGNATURE_METHODS) assert.ok(isSignatureMethod(method));
  for (const other of ["hmac-sha1", "RSA-SHA384", "", undefined, 1]) {
    assert.equal(isSignatureMethod(other), false);
  }
  assert.equal(SIGNATURE_METHODS.length, 7);
});
