import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { hmacSha256, sha256 } from "../../oauth1/_sha256.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

Deno.test("SHA-256 gives the FIPS 180-2 appendix B digests and the empty-message digest", () => {
  assert.equal(
    encodeHexLowerCase(sha256(ascii("abc"))),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    encodeHexLowerCase(sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
  assert.equal(
    encodeHexLowerCase(sha256(new Uint8Array())),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("HMAC-SHA256 gives the RFC 4231 test-case digests, including keys longer than a block", () => {
  const longKey = new Uint8Array(131).fill(0xaa);
  const cases: [Uint8Array, Uint8Array, string][] = [
    [
      new Uint8Array(20).fill(0x0b),
      ascii("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      ascii("Jefe"),
      ascii("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      longKey,
      ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      longKey,
      ascii(
        "This is a test using a larger than block-size key and a larger than block-size data. " +
          "The key needs to be hashed before being used by the HMAC algorithm.",
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ];
  for (const [key, message, digest] of cases) {
    assert.equal(encodeHexLowerCase(hmacSha256(key)(message)), digest);
  }
});

Deno.test("SHA-256 and HMAC-SHA256 agree with WebCrypto for random keys and messages of every block boundary", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 0, maxLength: 150 }),
      fc.uint8Array({ minLength: 0, maxLength: 300 }),
      async (key, message) => {
        const webDigest = new Uint8Array(await crypto.subtle.digest("SHA-256", message));
        assert.deepEqual(sha256(message), webDigest);
        if (key.length === 0) return;
        const cryptoKey = await crypto.subtle.importKey(
          "raw",
          key,
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const webMac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
        assert.deepEqual(hmacSha256(key)(message), webMac);
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("one HMAC-SHA256 function gives each message its own digest, however they interleave", () => {
  const mac = hmacSha256(ascii("key"));
  const first = mac(ascii("first message"));
  const second = mac(ascii("second message"));
  assert.notDeepEqual(first, second);
  assert.deepEqual(mac(ascii("first message")), first);
});
