import assert from "node:assert/strict";
import { decodeBase64, encodeBase64 } from "@oslojs/encoding";
import {
  hmacSigner,
  plaintextSigner,
  rsaSigner,
  signingKey,
} from "../../oauth1/signature_methods.ts";
import { signatureBaseString } from "../../oauth1/base_string.ts";
import { prepareRsaKey } from "../../oauth1/rsa_key.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

Deno.test("the RFC 5849 §1.2 protected-resource example signs to its published HMAC-SHA1 value", async () => {
  const url = new URL("http://photos.example.net/photos?file=vacation.jpg&size=original");
  const baseString = signatureBaseString("GET", url, [
    ...url.searchParams,
    ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
    ["oauth_token", "nnch734d00sl2jdk"],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "137131202"],
    ["oauth_nonce", "chapoH"],
  ]);
  const sign = hmacSigner("HMAC-SHA1", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");
  assert.equal(await sign(baseString), "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
});

Deno.test("HMAC signatures equal WebCrypto's HMAC over the same key and base string", async () => {
  const hashes = {
    "HMAC-SHA1": "SHA-1",
    "HMAC-SHA256": "SHA-256",
    "HMAC-SHA512": "SHA-512",
  } as const;
  const baseString = "GET&https%3A%2F%2Fa.example%2F&a%3D%E2%98%83";
  for (const [method, hash] of Object.entries(hashes)) {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(signingKey("c&s", "t s")),
      { name: "HMAC", hash },
      false,
      ["sign"],
    );
    const expected = encodeBase64(
      new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(baseString))),
    );
    assert.equal(
      await hmacSigner(method as keyof typeof hashes, "c&s", "t s")(baseString),
      expected,
    );
  }
});

Deno.test("HMAC signers that take turns, on long and non-ASCII base strings, each sign their own text", async () => {
  const reference = async (hash: string, text: string) => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(signingKey("c", "t")),
      { name: "HMAC", hash },
      false,
      ["sign"],
    );
    return encodeBase64(
      new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text))),
    );
  };
  const sha1 = hmacSigner("HMAC-SHA1", "c", "t");
  const sha256 = hmacSigner("HMAC-SHA256", "c", "t");
  // Short, then longer than the signers' shared buffer, then short again; and non-ASCII.
  const texts = [
    "GET&a&b",
    "x".repeat(5000),
    "POST&c",
    "\u00e9\u2603\ud83d\ude00".repeat(400),
    "\u00e9\u2603\ud83d\ude00".repeat(700),
    "z",
  ];
  for (const text of texts) {
    assert.equal(sha1(text), await reference("SHA-1", text));
    assert.equal(sha256(text), await reference("SHA-256", text));
  }
});

Deno.test("the signing key encodes both secrets and treats absent ones as empty (RFC 5849 §3.4.2)", () => {
  assert.equal(
    signingKey("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
    "kd94hf93k423kf44&pfkkdhi9sl3r4s00",
  );
  assert.equal(signingKey("a b", "c&d"), "a%20b&c%26d");
  assert.equal(signingKey(), "&");
});

Deno.test("PLAINTEXT signs with the key itself, whatever the base string (RFC 5849 §3.4.4)", async () => {
  const sign = plaintextSigner("djr9rjt0jd78jf88", "jjd99$tj88uiths3");
  assert.equal(await sign("anything"), "djr9rjt0jd78jf88&jjd99%24tj88uiths3");
});

Deno.test("RSA signatures verify with the matching public key for every RSA method", async () => {
  const spki = decodeBase64(keys.spki.replace(/-----[A-Z ]+-----|\s/g, ""));
  for (
    const [method, hash] of [["RSA-SHA1", "SHA-1"], ["RSA-SHA256", "SHA-256"], [
      "RSA-SHA512",
      "SHA-512",
    ]] as const
  ) {
    const publicKey = await crypto.subtle.importKey(
      "spki",
      new Uint8Array(spki),
      { name: "RSASSA-PKCS1-v1_5", hash },
      false,
      ["verify"],
    );
    const signature = await rsaSigner(prepareRsaKey(keys.pkcs1, method))("base string");
    const valid = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      publicKey,
      new Uint8Array(decodeBase64(signature)),
      new TextEncoder().encode("base string"),
    );
    assert.ok(valid, method);
  }
});
