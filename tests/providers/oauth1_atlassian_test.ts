/**
 * Jira and Confluence Server / Data Center sign with RSA-SHA1: the emulated server knows the
 * consumer only by its public key, as an application link does, and verifies every signature
 * with it (WebCrypto), so a flow that passes proves the RSA-SHA1 signatures.
 */
import assert from "node:assert/strict";
import { confluence, jira } from "../../providers/mod.ts";
import { OAuth1Client } from "../../oauth1/mod.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-1",
};

async function keyPair() {
  return await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]) as CryptoKeyPair;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
  const base64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${base64}\n-----END PRIVATE KEY-----\n`;
}

function server(base: string, publicKey: CryptoKey, apiPath: string) {
  return emulateProvider({
    consumer: { key: "oauth-sample-consumer", publicKey },
    signatureMethod: "RSA-SHA1",
    requestTokenUrl: `${base}/plugins/servlet/oauth/request-token`,
    authorizeUrls: [`${base}/plugins/servlet/oauth/authorize`],
    accessTokenUrl: `${base}/plugins/servlet/oauth/access-token`,
    apiUrl: `${base}${apiPath}`,
  });
}

Deno.test("jira runs the 3-legged flow with RSA-SHA1 from a PKCS#8 PEM, each signature verified with the public key", async () => {
  const { privateKey, publicKey } = await keyPair();
  const base = "https://jira.example.com/jira";
  const provider = server(base, publicKey, "/rest/api/2/myself");
  const { authorizationUrl, token, api, sent } = await runFlow(
    jira({
      baseUrl: `${base}/`,
      clientKey: "oauth-sample-consumer",
      privateKey: await pkcs8Pem(privateKey),
      callbackUri: "https://app.example/jira",
    }),
    provider,
    `${base}/rest/api/2/myself`,
  );
  assert.deepEqual(provider.refused, []);
  assert.deepEqual(sent.map((request) => `${request.method} ${request.url}`), [
    `POST ${base}/plugins/servlet/oauth/request-token`,
    `POST ${base}/plugins/servlet/oauth/access-token`,
    `GET ${base}/rest/api/2/myself`,
  ]);
  assert.deepEqual(
    provider.signed.map(({ oauth }) => oauth.get("oauth_signature_method")),
    ["RSA-SHA1", "RSA-SHA1", "RSA-SHA1"],
  );
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "https://app.example/jira");
  assert.match(
    authorizationUrl,
    /^https:\/\/jira\.example\.com\/jira\/plugins\/servlet\/oauth\/authorize\?oauth_token=[0-9a-f]+$/,
  );
  assert.equal(provider.signed[2].oauth.get("oauth_token"), token.oauth_token);
  assert.equal(api.status, 200);
});

Deno.test("jira signs with a PKCS#1 PEM too, verified with the fixture key's public half", async () => {
  const base64 = keys.spki.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const publicKey = await crypto.subtle.importKey(
    "spki",
    Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
    false,
    ["verify"],
  );
  const base = "https://jira.example.com";
  const provider = server(base, publicKey, "/rest/api/2/myself");
  const { api } = await runFlow(
    jira({ baseUrl: base, clientKey: "oauth-sample-consumer", privateKey: keys.pkcs1 }),
    provider,
    `${base}/rest/api/2/myself`,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "oob");
  assert.equal(api.status, 200);
});

Deno.test("a Jira that holds another public key refuses the flow's first request", async () => {
  const [ours, theirs] = [await keyPair(), await keyPair()];
  const base = "https://jira.example.com";
  const provider = server(base, theirs.publicKey, "/rest/api/2/myself");
  const client = new OAuth1Client({
    ...jira({ baseUrl: base, clientKey: "oauth-sample-consumer", privateKey: ours.privateKey }),
    fetch: provider.handle,
  });
  await assert.rejects(client.fetchRequestToken(), { code: "signature_invalid", status: 401 });
  assert.deepEqual(provider.refused, [
    `POST ${base}/plugins/servlet/oauth/request-token: signature_invalid`,
  ]);
});

Deno.test("confluence runs the 3-legged flow with RSA-SHA1 from a CryptoKey under a context path", async () => {
  const { privateKey, publicKey } = await keyPair();
  const base = "https://wiki.example.com/confluence";
  const provider = server(base, publicKey, "/rest/api/user/current");
  const { authorizationUrl, api } = await runFlow(
    confluence({
      baseUrl: base,
      clientKey: "oauth-sample-consumer",
      privateKey,
      callbackUri: "https://app.example/wiki",
    }),
    provider,
    `${base}/rest/api/user/current`,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(provider.signed.length, 3);
  assert.ok(
    provider.signed.every(({ oauth }) => oauth.get("oauth_signature_method") === "RSA-SHA1"),
  );
  assert.match(
    authorizationUrl,
    /^https:\/\/wiki\.example\.com\/confluence\/plugins\/servlet\/oauth\/authorize\?oauth_token=/,
  );
  assert.equal(api.status, 200);
});

Deno.test("jira and confluence check baseUrl with TypeErrors, and the client's summary shows no key", async () => {
  const { privateKey } = await keyPair();
  const cases: [string, RegExp][] = [
    ["jira.example.com", /baseUrl must be an absolute http\(s\) URL/],
    ["ftp://jira.example.com", /baseUrl must use https: .*got ftp:/],
    [
      "https://jira.example.com/?os_authType=basic",
      /baseUrl must be the server's URL without query/,
    ],
    ["https://admin:pw@jira.example.com", /without query, fragment or user info/],
  ];
  for (const [baseUrl, message] of cases) {
    assert.throws(() => jira({ baseUrl, clientKey: "k", privateKey }), {
      name: "TypeError",
      message,
    });
    assert.throws(() => confluence({ baseUrl, clientKey: "k", privateKey }), {
      name: "TypeError",
      message,
    });
  }
  assert.throws(() => confluence(null as never), {
    name: "TypeError",
    message: "confluence options must be an object, got null",
  });
  const client = new OAuth1Client(
    jira({ baseUrl: "https://jira.example.com", clientKey: "k", privateKey }),
  );
  assert.deepEqual(client.toJSON(), {
    clientKey: "k",
    signatureMethod: "RSA-SHA1",
    signatureType: "header",
    authorized: false,
  });
});
