import assert from "node:assert/strict";
import fc from "fast-check";
import { parseWwwAuthenticate } from "../../oauth2/www_authenticate.ts";

Deno.test("the RFC 6750 §3 examples: a bare realm, and invalid_token with a description", () => {
  assert.deepEqual(parseWwwAuthenticate('Bearer realm="example"'), [
    { scheme: "Bearer", parameters: { realm: "example" }, realm: "example" },
  ]);
  const [challenge] = parseWwwAuthenticate(
    'Bearer realm="example",\n error="invalid_token",\n error_description="The access token expired"'
      .replaceAll("\n", ""),
  );
  assert.deepEqual([challenge.error, challenge.errorDescription], [
    "invalid_token",
    "The access token expired",
  ]);
});

Deno.test("several challenges, token68, quoted-string escapes and case-insensitive names (RFC 9110 §11.6.1)", () => {
  const challenges = parseWwwAuthenticate(
    'Newauth realm="apps", type=1, TITLE="Login to \\"apps\\"", Basic realm="simple", Negotiate YII=, DPoP algs="ES256"',
  );
  assert.deepEqual(challenges.map((challenge) => challenge.scheme), [
    "Newauth",
    "Basic",
    "Negotiate",
    "DPoP",
  ]);
  assert.deepEqual(challenges[0].parameters, {
    realm: "apps",
    type: "1",
    title: 'Login to "apps"',
  });
  assert.equal(challenges[2].token68, "YII=");
  assert.equal(challenges[3].parameters.algs, "ES256");
});

Deno.test("insufficient_scope carries the scope the resource needs; a repeated parameter keeps its first value", () => {
  const [challenge] = parseWwwAuthenticate(
    'Bearer error="insufficient_scope", scope="read write", scope="x"',
  );
  assert.equal(challenge.error, "insufficient_scope");
  assert.equal(challenge.scope, "read write");
});

Deno.test("garbage is skipped to the next comma and an unterminated string ends the header", () => {
  assert.deepEqual(parseWwwAuthenticate(",,, \u00a0\u00a0 , Basic realm=x").map((c) => c.scheme), [
    "Basic",
  ]);
  assert.deepEqual(parseWwwAuthenticate('Bearer realm="open').map((c) => c.realm), ["open"]);
  assert.deepEqual(parseWwwAuthenticate(""), []);
});

Deno.test("any input is parsed without throwing, into challenges whose schemes are tokens", () => {
  const pieces = fc.constantFrom(
    "Bearer",
    "Basic",
    " ",
    ",",
    "=",
    '"',
    "\\",
    "a",
    "realm",
    "error",
    "\u00a0",
    "é",
    "\t",
    "==",
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join("")), (header) => {
      for (const challenge of parseWwwAuthenticate(header)) {
        assert.match(challenge.scheme, /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
      }
    }),
    { numRuns: 3000 },
  );
});
