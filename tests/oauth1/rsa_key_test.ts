import assert from "node:assert/strict";
import { OAuth1Client } from "../../oauth1/mod.ts";
import { pemToPkcs8, prepareRsaKey } from "../../oauth1/rsa_key.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

const options = { clientKey: "key", nonce: () => "n", timestamp: () => "1" };

async function signature(
  privateKey: CryptoKey | string,
  signatureMethod: "RSA-SHA1" | "RSA-SHA256" = "RSA-SHA1",
) {
  const client = new OAuth1Client({ ...options, signatureMethod, privateKey });
  const signed = await client.sign(new Request("https://api.example/x"));
  return signed.headers.get("authorization")!.match(/oauth_signature="([^"]+)"/)![1];
}

Deno.test("a PKCS#1 PEM, the same key as PKCS#8 PEM and as CryptoKey give the same signature", async () => {
  const cryptoKey = await crypto.subtle.importKey(
    "pkcs8",
    pemToPkcs8(keys.pkcs8),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const fromPkcs1 = await signature(keys.pkcs1);
  assert.equal(await signature(keys.pkcs8), fromPkcs1);
  assert.equal(await signature(cryptoKey), fromPkcs1);
});

Deno.test("the wrapped PKCS#1 key is byte for byte the PKCS#8 encoding of the same key", () => {
  assert.deepEqual(pemToPkcs8(keys.pkcs1), pemToPkcs8(keys.pkcs8));
});

Deno.test("an RSA method without a private key is a TypeError naming privateKey", () => {
  assert.throws(() => new OAuth1Client({ clientKey: "k", signatureMethod: "RSA-SHA256" }), {
    name: "TypeError",
    message: /privateKey is required for RSA-SHA256/,
  });
});

Deno.test("PEM blocks that are not unencrypted private keys are refused with a hint", () => {
  const encrypted =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----";
  assert.throws(() => pemToPkcs8(encrypted), {
    name: "TypeError",
    message: /"ENCRYPTED PRIVATE KEY" block/,
  });
  assert.throws(() => pemToPkcs8(keys.spki), { name: "TypeError", message: /"PUBLIC KEY" block/ });
  assert.throws(() => pemToPkcs8("not a key"), {
    name: "TypeError",
    message: /must be a PEM private key/,
  });
});

Deno.test("a PEM whose base64 is cut short or has padding inside is refused with a TypeError", () => {
  // The key of the fixture with its last padding character dropped, then with a `=` inside.
  const body = keys.pkcs8.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  assert.ok(body.endsWith("="), "the fixture's base64 ends in padding");
  for (const broken of [body.slice(0, -1), body.slice(0, 10) + "=" + body.slice(11)]) {
    const pem = `-----BEGIN PRIVATE KEY-----\n${broken}\n-----END PRIVATE KEY-----`;
    assert.throws(() => pemToPkcs8(pem), { name: "TypeError", message: /invalid base64/ });
  }
  assert.equal(pemToPkcs8(keys.pkcs8).length, atob(body).length);
});

Deno.test("a PEM whose contents are not an RSA key fails at signing with a TypeError", async () => {
  const junk = "-----BEGIN PRIVATE KEY-----\nAAECAwQF\n-----END PRIVATE KEY-----";
  const client = new OAuth1Client({ ...options, signatureMethod: "RSA-SHA1", privateKey: junk });
  await assert.rejects(client.sign(new Request("https://api.example/")), {
    name: "TypeError",
    message: /not a valid RSA private key/,
  });
});

Deno.test("a CryptoKey for another hash or algorithm is refused at construction", async () => {
  const sha256Key = await crypto.subtle.importKey(
    "pkcs8",
    pemToPkcs8(keys.pkcs8),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  assert.throws(
    () => new OAuth1Client({ clientKey: "k", signatureMethod: "RSA-SHA1", privateKey: sha256Key }),
    { name: "TypeError", message: /hash SHA-1/ },
  );
  assert.equal(typeof (await signature(sha256Key, "RSA-SHA256")), "string");
});

Deno.test("a PEM key is imported once per client, however many requests it signs", async () => {
  const original = crypto.subtle.importKey;
  let imports = 0;
  crypto.subtle.importKey = function (
    this: SubtleCrypto,
    ...args: Parameters<SubtleCrypto["importKey"]>
  ) {
    imports++;
    return original.apply(this, args);
  } as SubtleCrypto["importKey"];
  try {
    const getKey = prepareRsaKey(keys.pkcs1, "RSA-SHA256");
    const client = new OAuth1Client({
      ...options,
      signatureMethod: "RSA-SHA256",
      privateKey: keys.pkcs1,
    });
    await Promise.all(
      Array.from({ length: 20 }, () => client.sign(new Request("https://api.example/"))),
    );
    assert.equal(imports, 1);
    await getKey();
    assert.equal(imports, 2);
  } finally {
    crypto.subtle.importKey = original;
  }
});

Deno.test("privateKey with a non-RSA method is a TypeError", () => {
  assert.throws(() => new OAuth1Client({ clientKey: "k", privateKey: keys.pkcs8 }), {
    name: "TypeError",
    message: /only used by the RSA-\* signature methods/,
  });
});
