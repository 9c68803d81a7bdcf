import assert from "node:assert/strict";
import {
  _CLIENT_ERROR_CODES,
  _SERVER_ERROR_CODES,
  OAuthError,
  type OAuthErrorCode,
  OAuthResponseError,
} from "../errors.ts";

const ALL_CODES: readonly string[] = [..._CLIENT_ERROR_CODES, ..._SERVER_ERROR_CODES];

Deno.test("OAuthError carries its code, status and cause and is an Error", () => {
  const cause = new Error("low level");
  const error = new OAuthError("invalid_response", "expected x, got y", { status: 502, cause });
  assert.ok(error instanceof Error);
  assert.equal(error.name, "OAuthError");
  assert.equal(error.code, "invalid_response");
  assert.equal(error.status, 502);
  assert.equal(error.cause, cause);
  assert.equal(new OAuthError("network_error", "y").status, undefined);
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

Deno.test("a misspelt or unlisted code does not compile", () => {
  const error: OAuthError = new OAuthError("state_mismatch", "another state");
  const reported = new OAuthResponseError({ error: "invalid_grant" });
  // Each line below is a type error; `deno check` fails if one of them compiles.
  // @ts-expect-error: "state_mismatchh" is not an OAuthErrorCode
  assert.equal(error.code === "state_mismatchh", false);
  // @ts-expect-error: "invalid_grnat" is not an OAuthErrorCode
  assert.equal(reported.code === "invalid_grnat", false);
  // @ts-expect-error: the library cannot throw a code outside the list
  assert.equal(new OAuthError("state_mismatchh", "x").code, "state_mismatchh");
  // An unregistered server code is compared through `error`, typed `string`.
  assert.equal(
    new OAuthResponseError({ error: "bad_verification_code" }).error,
    "bad_verification_code",
  );
  const code: OAuthErrorCode = reported.code;
  assert.equal(code, "invalid_grant");
});

Deno.test("the code lists have no duplicates, within or across them", () => {
  assert.equal(new Set(_CLIENT_ERROR_CODES).size, _CLIENT_ERROR_CODES.length);
  assert.equal(new Set(_SERVER_ERROR_CODES).size, _SERVER_ERROR_CODES.length);
  assert.equal(new Set(ALL_CODES).size, ALL_CODES.length);
  for (const code of ALL_CODES) assert.match(code, /^[a-z][a-z0-9_]*$/);
});
