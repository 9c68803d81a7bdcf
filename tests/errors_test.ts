import assert from "node:assert/strict";
import { OAuthError, OAuthResponseError } from "../errors.ts";

Deno.test("OAuthError carries its code, status and cause and is an Error", () => {
  const cause = new Error("low level");
  const error = new OAuthError("invalid_response", "expected x, got y", { status: 502, cause });
  assert.ok(error instanceof Error);
  assert.equal(error.name, "OAuthError");
  assert.equal(error.code, "invalid_response");
  assert.equal(error.status, 502);
  assert.equal(error.cause, cause);
  assert.equal(new OAuthError("x", "y").status, undefined);
});

Deno.test("OAuthResponseError takes its code from error and status and headers from the response", () => {
  const response = new Response("nope", {
    status: 401,
    headers: { "www-authenticate": 'OAuth realm="x"' },
  });
  const error = new OAuthResponseError({
    error: "signature_invalid",
    errorDescription: "bad",
    errorUri: "https://p.example/e",
    response,
  });
  assert.ok(error instanceof OAuthError);
  assert.equal(error.code, "signature_invalid");
  assert.equal(error.error, "signature_invalid");
  assert.equal(error.status, 401);
  assert.equal(error.headers?.get("www-authenticate"), 'OAuth realm="x"');
  assert.equal(error.message, "the server reported signature_invalid (HTTP 401): bad");
  assert.equal(error.errorUri, "https://p.example/e");
});
