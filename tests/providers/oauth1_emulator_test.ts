/**
 * The preset tests trust the emulator's signature check, so it is checked here against requests
 * oauthlib signed (`tests/fixtures/oauth1_oauthlib.json`): it accepts each as recorded and
 * refuses it once a signed part changes, for HMAC-SHA1 and for RSA-SHA1 with the fixture key's
 * public half.
 */
import assert from "node:assert/strict";
import vectors from "../fixtures/oauth1_oauthlib.json" with { type: "json" };
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };
import { type Consumer, verifySignature } from "./_oauth1_emulator.ts";

const NAMES = [
  "HMAC-SHA1 in the Authorization header with consumer and token credentials",
  "verifier on a token-credentials request (header placement)",
  "oob callback on a temporary-credentials request (header placement)",
  "RSA-SHA1 in the Authorization header with consumer and token credentials",
  "RSA-SHA1 in the Authorization header with consumer credentials only",
];

async function publicKey(): Promise<CryptoKey> {
  const base64 = keys.spki.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  return await crypto.subtle.importKey(
    "spki",
    Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
    false,
    ["verify"],
  );
}

/** The request oauthlib signed, as it went out: its URL, body and Authorization header. */
function recorded(name: string, change: { url?: string; body?: string } = {}) {
  const vector = vectors.cases.find((each) => each.name === name)!;
  assert.ok(vector, name);
  const { method, headers } = vector.request;
  const body = change.body ?? vector.expected.body ?? undefined;
  const request = new Request(change.url ?? vector.expected.url, {
    method,
    headers: {
      ...headers as Record<string, string>,
      authorization: vector.expected.authorization!,
    },
    body,
  });
  const client = vector.client as unknown as Record<string, string>;
  return { request, client, vector };
}

Deno.test("the emulator accepts each oauthlib-signed request as recorded, HMAC-SHA1 and RSA-SHA1", async () => {
  const key = await publicKey();
  for (const name of NAMES) {
    const { request, client } = recorded(name);
    const consumer: Consumer = client.signatureMethod === "RSA-SHA1"
      ? { key: client.clientKey, publicKey: key }
      : { key: client.clientKey, secret: client.clientSecret };
    const oauth = await verifySignature(request, consumer, client.tokenSecret ?? "");
    assert.equal(oauth.get("oauth_signature_method"), client.signatureMethod, name);
  }
});

Deno.test("the emulator refuses an oauthlib-signed request once its query, body, secret or key differ", async () => {
  const key = await publicKey();
  const hmac = NAMES[0];
  const { client } = recorded(hmac);
  const consumer = { key: client.clientKey, secret: client.clientSecret };
  const refusals: [string, Promise<unknown>][] = [
    [
      "another query value",
      verifySignature(
        recorded(hmac, { url: "https://api.example.com/v2/items?page=3" }).request,
        consumer,
        client.tokenSecret,
      ),
    ],
    [
      "another body",
      verifySignature(
        recorded(hmac, { body: "title=Tea+%26+cake&tag=a" }).request,
        consumer,
        client.tokenSecret,
      ),
    ],
    [
      "another token secret",
      verifySignature(recorded(hmac).request, consumer, "not-the-token-secret"),
    ],
    [
      "another consumer secret",
      verifySignature(recorded(hmac).request, { ...consumer, secret: "other" }, client.tokenSecret),
    ],
    [
      "another RSA body",
      verifySignature(
        recorded(NAMES[3], { body: "title=Tea" }).request,
        { key: client.clientKey, publicKey: key },
        "",
      ),
    ],
  ];
  for (const [why, verification] of refusals) {
    await assert.rejects(verification, { message: "signature_invalid" }, why);
  }
  const other = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-1",
    },
    false,
    ["sign", "verify"],
  );
  await assert.rejects(
    verifySignature(
      recorded(NAMES[3]).request,
      { key: client.clientKey, publicKey: other.publicKey },
      "",
    ),
    { message: "signature_invalid" },
    "another public key",
  );
  await assert.rejects(
    verifySignature(recorded(NAMES[3]).request, consumer, ""),
    { message: /signature_method_rejected: RSA-SHA1/ },
    "an RSA signature for a consumer the provider knows by secret",
  );
});
