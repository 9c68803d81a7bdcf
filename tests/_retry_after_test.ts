import assert from "node:assert/strict";
import { retryAfterSeconds } from "../_retry_after.ts";
import { OAuthResponseError } from "../errors.ts";

const at = (value: string) => new Headers({ "retry-after": value });
const NOW = Date.parse("Sun, 06 Nov 1994 08:49:37 GMT");

Deno.test("Retry-After as delay-seconds and as an HTTP-date (RFC 9110 §10.2.3)", () => {
  assert.equal(retryAfterSeconds(at("120"), NOW), 120);
  assert.equal(retryAfterSeconds(at("Sun, 06 Nov 1994 08:50:37 GMT"), NOW), 60);
  assert.equal(retryAfterSeconds(at("Sun, 06 Nov 1994 08:40:00 GMT"), NOW), 0);
  assert.equal(retryAfterSeconds(at("Sunday, 06-Nov-94 08:50:37 GMT"), NOW), 60);
  assert.equal(retryAfterSeconds(at("Sun Nov  6 08:50:37 1994"), NOW), 60);
  for (const bad of ["", "-5", "1.5", "soon", "99999999999", "2024-01-01", "Sun, 06 Nov 1994"]) {
    assert.equal(retryAfterSeconds(at(bad), NOW), undefined, bad);
  }
  assert.equal(retryAfterSeconds(new Headers(), NOW), undefined);
});

Deno.test("an OAuthResponseError from a 429 carries retryAfter", () => {
  const response = new Response("{}", { status: 429, headers: { "retry-after": "30" } });
  assert.equal(new OAuthResponseError({ error: "slow_down", response }).retryAfter, 30);
});
