import assert from "node:assert/strict";
import * as oslo from "@oslojs/encoding";
import fc from "fast-check";
import {
  appendQueryParameters,
  decodeForm,
  encodeBase64,
  encodeBase64urlNoPadding,
  mediaType,
  percentEncode,
} from "../_encoding.ts";

// The percent-encoding examples X (Twitter) publishes for its OAuth 1.0a signatures
// (developer.x.com, "Percent encoding parameters").
const PUBLISHED: [string, string][] = [
  ["Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen"],
  ["An encoded string!", "An%20encoded%20string%21"],
  ["Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice"],
  ["☃", "%E2%98%83"],
];

Deno.test("percentEncode matches the published percent-encoding examples", () => {
  for (const [input, expected] of PUBLISHED) assert.equal(percentEncode(input), expected);
});

Deno.test("percentEncode keeps exactly the RFC 3986 unreserved characters", () => {
  for (let code = 0; code < 128; code++) {
    const character = String.fromCharCode(code);
    const unreserved = /[A-Za-z0-9\-._~]/.test(character);
    const expected = unreserved
      ? character
      : "%" + code.toString(16).toUpperCase().padStart(2, "0");
    assert.equal(percentEncode(character), expected, `code point ${code}`);
  }
});

Deno.test("percentEncode writes a lone surrogate as U+FFFD instead of throwing", () => {
  assert.equal(percentEncode("a\uD800b"), "a%EF%BF%BDb");
});

Deno.test("decodeForm decodes once, reads + as a space and keeps bare names and duplicates", () => {
  assert.deepEqual(decodeForm("?b5=%3D%253D&a3=a&c2&a3=2+q&e="), [
    ["b5", "=%3D"],
    ["a3", "a"],
    ["c2", ""],
    ["a3", "2 q"],
    ["e", ""],
  ]);
});

Deno.test("appendQueryParameters leaves the existing query exactly as written", () => {
  const url = new URL("https://a.example/p?x=%7e+y&z");
  assert.equal(
    appendQueryParameters(url, [["k", "a b"]]).href,
    "https://a.example/p?x=%7e+y&z&k=a%20b",
  );
  assert.equal(
    appendQueryParameters(new URL("https://a.example/p#f"), [["k", "v"]]).href,
    "https://a.example/p?k=v#f",
  );
  assert.equal(appendQueryParameters(url, []).href, url.href);
});

Deno.test("mediaType lower-cases the type and drops parameters", () => {
  assert.equal(
    mediaType("Application/X-WWW-Form-URLEncoded ; charset=UTF-8"),
    "application/x-www-form-urlencoded",
  );
  assert.equal(mediaType(null), "");
});

Deno.test("decodeForm decodes exactly as URLSearchParams does, for any input", () => {
  const pieces = fc.constantFrom(
    "a",
    "B",
    "=",
    "&",
    "+",
    "%",
    "%2",
    "%20",
    "%2B",
    "%3D",
    "%26",
    "%FF",
    "%E2%98%83",
    "%C3",
    "é",
    "☃",
    "?",
    " ",
    "~",
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join("")), (input) => {
      assert.deepEqual(decodeForm(input), [...new URLSearchParams(input)]);
    }),
    { numRuns: 5000 },
  );
});

Deno.test("base64 gives the RFC 4648 §10 test vectors, padded, and base64url drops the padding", () => {
  const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
  for (const [length, expected] of vectors.entries()) {
    const bytes = new TextEncoder().encode("foobar".slice(0, length));
    assert.equal(encodeBase64(bytes), expected);
    assert.equal(encodeBase64urlNoPadding(bytes), expected.replace(/=+$/, ""));
  }
});

Deno.test("base64 and base64url agree with @oslojs/encoding on 1,000 random byte strings", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(encodeBase64(bytes), oslo.encodeBase64(bytes));
      assert.equal(encodeBase64urlNoPadding(bytes), oslo.encodeBase64urlNoPadding(bytes));
    }),
    { numRuns: 1000 },
  );
});
