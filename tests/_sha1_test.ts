import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { hmacSha1, sha1 } from "../_sha1.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

Deno.test("SHA-1 gives the FIPS 180-2 appendix A digests", () => {
  assert.equal(encodeHexLowerCase(sha1(ascii("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(
    encodeHexLowerCase(sha1(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
    "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
  );
  assert.equal(
    encodeHexLowerCase(sha1(new Uint8Array())),
    "da39a3ee5e6b4b0d3255bfef95601890afd80709",
  );
});

Deno.test("HMAC-SHA1 gives the RFC 2202 test-case digests, including keys longer than a block", () => {
  const cases: [Uint8Array, Uint8Array, string][] = [
    [new Uint8Array(20).fill(0x0b), ascii("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"],
    [
      ascii("Jefe"),
      ascii("what do ya want for nothing?"),
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    ],
    [
      new Uint8Array(80).fill(0xaa),
      ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
      "aa4ae5e15272d00e95705637ce8a3b55ed402112",
    ],
  ];
  for (const [key, message, digest] of cases) {
    assert.equal(encodeHexLowerCase(hmacSha1(key)(message)), digest);
  }
});

Deno.test("SHA-1 and HMAC-SHA1 agree with WebCrypto for random keys and messages of every block boundary", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 0, maxLength: 150 }),
      fc.uint8Array({ minLength: 0, maxLength: 300 }),
      async (key, message) => {
        const webDigest = new Uint8Array(await crypto.subtle.digest("SHA-1", message));
        assert.deepEqual(sha1(message), webDigest);
        if (key.length === 0) return;
        const cryptoKey = await crypto.subtle.importKey(
          "raw",
          key,
          { name: "HMAC", hash: "SHA-1" },
          false,
          ["sign"],
        );
        const webMac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
        assert.deepEqual(hmacSha1(key)(message), webMac);
      },
    ),
    { numRuns: 500 },
  );
});
