import assert from "node:assert/strict";
import * as oslo from "@oslojs/encoding";
import fc from "fast-check";
import {
  appendFormParameters,
  appendQueryParameters,
  decodeBase64,
  decodeBase64urlNoPadding,
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

Deno.test("appendFormParameters form-encodes what it adds (RFC 6749 Appendix B) and keeps the query", () => {
  const url = new URL("https://a.example/p?x=%7e+y&z#f");
  const added: [string, string][] = [["scope", "openid profile"], ["k", "a+b/ü&="]];
  const result = appendFormParameters(url, added);
  assert.equal(
    result.href,
    "https://a.example/p?x=%7e+y&z&scope=openid+profile&k=a%2Bb%2F%C3%BC%26%3D#f",
  );
  // What a server's form decoder reads back: the old pairs, then the new ones exactly.
  assert.deepEqual([...result.searchParams].slice(2), added);
  assert.equal(appendFormParameters(url, []).href, url.href);
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

Deno.test("decodeBase64 reads the RFC 4648 §10 vectors and refuses what is not exactly base64", () => {
  const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
  for (const [length, encoded] of vectors.entries()) {
    assert.equal(new TextDecoder().decode(decodeBase64(encoded)), "foobar".slice(0, length));
    assert.equal(
      new TextDecoder().decode(decodeBase64urlNoPadding(encoded.replace(/=+$/, ""))),
      "foobar".slice(0, length),
    );
  }
  // Missing or misplaced padding, whitespace, the other alphabet, a lone last character, bits
  // left over after the last byte ("Zh==" would be "f" too, RFC 4648 §3.5).
  const malformed = ["Zg", "Zg=", "Zg===", "Z===", "Zm=9", "Zm9v\n", " Zm9v", "Zm9v-_==", "Zm9vY"];
  for (const bad of [...malformed, "Zh==", "Zm9=", "A_=="]) {
    assert.equal(decodeBase64(bad), undefined, bad);
  }
  for (const bad of ["Zg==", "Zm8=", "Zm9v+/", "Zm9vY", "Zm9 v", "Zm9v\n", "Zh", "Zm9", "A_"]) {
    assert.equal(decodeBase64urlNoPadding(bad), undefined, bad);
  }
});

Deno.test("decoders refuse all that @oslojs/encoding's strict decoders refuse, and padding inside the text", () => {
  const decoded = (decode: () => Uint8Array) => {
    try {
      return [...decode()];
    } catch {
      return undefined;
    }
  };
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.deepEqual(decodeBase64(oslo.encodeBase64(bytes)), bytes);
      assert.deepEqual(decodeBase64urlNoPadding(oslo.encodeBase64urlNoPadding(bytes)), bytes);
    }),
    { numRuns: 1000 },
  );
  // Short strings over the alphabets and a few strays, so that padding and lengths vary. Where
  // both decode, the bytes agree; oslo also reads `=` followed by more text (two encodings run
  // together, "AAA=AAAA"), which RFC 4648 §3.3 lets us refuse as not base64.
  const text = (characters: string) =>
    fc.string({ unit: fc.constantFrom(...characters), maxLength: 12 });
  const paddingInside = /=[^=]/;
  fc.assert(
    fc.property(text("AQg+/=\n-_*"), (candidate) => {
      const ours = decodeBase64(candidate);
      const theirs = decoded(() => oslo.decodeBase64(candidate));
      const expected = paddingInside.test(candidate) ? undefined : theirs;
      assert.deepEqual(ours && [...ours], expected, JSON.stringify(candidate));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(text("AQg-_+/\n*"), (candidate) => {
      const ours = decodeBase64urlNoPadding(candidate);
      const theirs = decoded(() => oslo.decodeBase64urlIgnorePadding(candidate));
      assert.deepEqual(ours && [...ours], theirs, JSON.stringify(candidate));
    }),
    { numRuns: 3000 },
  );
});
