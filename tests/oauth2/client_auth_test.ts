import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader, exportJWK, importJWK, jwtVerify } from "jose";
import {
  authenticateClient,
  basicCredentials,
  type ClientAuthentication,
} from "../../oauth2/client_auth.ts";
import { jwsKey } from "../../oauth2/_jwt_signing.ts";
import authlibBasic from "../fixtures/authlib_basic_credentials.json" with { type: "json" };

const NOW = 1_700_000_000_000;

async function authenticated(method: ClientAuthentication, extra: { privateKey?: CryptoKey } = {}) {
  const body = new URLSearchParams([["grant_type", "client_credentials"]]);
  const headers = new Headers();
  await authenticateClient(
    {
      method,
      clientId: "app",
      clientSecret: "s3cret-s3cret-s3cret-s3cret-s3cret!",
      privateKey: extra.privateKey && jwsKey(extra.privateKey, "privateKey"),
      audience: "https://as.example",
      now: NOW,
    },
    body,
    headers,
  );
  return { body, headers };
}

Deno.test("client_secret_basic form-encodes id and secret before base64 (RFC 6749 §2.3.1)", () => {
  assert.equal(basicCredentials("a b", "p:w%+"), "Basic " + btoa("a+b:p%3Aw%25%2B"));
  assert.equal(basicCredentials("app", "secret"), "Basic " + btoa("app:secret"));
  assert.equal(basicCredentials("é", "ü"), "Basic " + btoa("%C3%A9:%C3%BC"));
});

Deno.test("Basic credentials stay form-encoded, though Authlib 1.2 reads them without decoding (recorded)", () => {
  for (const { clientId, clientSecret, header, authlibReads } of authlibBasic.cases) {
    // Pinned: RFC 6749 §2.3.1, the same bytes Python's quote_plus gives.
    assert.equal(basicCredentials(clientId, clientSecret), header);
    // What a server that does not form-decode sees: equal only when nothing needed encoding.
    const plain = encodeURIComponent(clientId) === clientId &&
      encodeURIComponent(clientSecret) === clientSecret;
    assert.equal(authlibReads[0] === clientId && authlibReads[1] === clientSecret, plain);
  }
});

Deno.test("each method puts the credentials in exactly one place", async () => {
  const basic = await authenticated("client_secret_basic");
  assert.match(basic.headers.get("authorization")!, /^Basic /);
  assert.equal(basic.body.has("client_secret"), false);
  assert.equal(basic.body.has("client_id"), false);

  const post = await authenticated("client_secret_post");
  assert.equal(post.headers.has("authorization"), false);
  assert.deepEqual([post.body.get("client_id"), post.body.has("client_secret")], ["app", true]);

  const none = await authenticated("none");
  assert.equal(none.headers.has("authorization"), false);
  assert.deepEqual([none.body.get("client_id"), none.body.has("client_secret")], ["app", false]);

  const jwt = await authenticated("client_secret_jwt");
  assert.equal(jwt.headers.has("authorization"), false);
  assert.equal(jwt.body.has("client_secret"), false);
  assert.equal(
    jwt.body.get("client_assertion_type"),
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  );
});

Deno.test("client_secret_jwt is an HS256 assertion that jose verifies with the secret, with RFC 7523 claims", async () => {
  const { body } = await authenticated("client_secret_jwt");
  const assertion = body.get("client_assertion")!;
  const secret = new TextEncoder().encode("s3cret-s3cret-s3cret-s3cret-s3cret!");
  const { payload, protectedHeader } = await jwtVerify(assertion, secret, {
    currentDate: new Date(NOW),
    audience: "https://as.example",
    issuer: "app",
    subject: "app",
  });
  assert.equal(protectedHeader.alg, "HS256");
  assert.equal(payload.iat, NOW / 1000);
  assert.ok(payload.exp! - payload.iat! <= 60);
  assert.equal(typeof payload.jti, "string");
});

Deno.test("private_key_jwt assertions verify with jose for ES256, RS256, PS256 and EdDSA keys", async () => {
  const algorithms: [string, RsaHashedKeyGenParams | EcKeyGenParams | Algorithm][] = [
    ["ES256", { name: "ECDSA", namedCurve: "P-256" }],
    ["RS256", {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    }],
    ["PS256", {
      name: "RSA-PSS",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    }],
    ["EdDSA", { name: "Ed25519" }],
  ];
  for (const [alg, params] of algorithms) {
    const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
    const { body } = await authenticated("private_key_jwt", { privateKey: pair.privateKey });
    const assertion = body.get("client_assertion")!;
    assert.equal(decodeProtectedHeader(assertion).alg, alg);
    const publicKey = await importJWK({ ...(await exportJWK(pair.publicKey)), alg }, alg);
    const { payload } = await jwtVerify(assertion, publicKey, {
      currentDate: new Date(NOW),
      audience: "https://as.example",
    });
    assert.deepEqual([payload.iss, payload.sub], ["app", "app"]);
  }
});

Deno.test("every assertion has a fresh jti: 1,000 requests, 1,000 different values", async () => {
  const seen = new Set<unknown>();
  for (let i = 0; i < 1000; i++) {
    const { body } = await authenticated("client_secret_jwt");
    seen.add(decodeJwt(body.get("client_assertion")!).jti);
  }
  assert.equal(seen.size, 1000);
});

Deno.test("a public key, a key without sign usage, or an unsupported curve is refused as privateKey", async () => {
  const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  assert.throws(() => jwsKey(ec.publicKey, "privateKey"), {
    name: "TypeError",
    message: /^privateKey must be a private signing CryptoKey/,
  });
  const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]) as CryptoKey;
  assert.throws(() => jwsKey(hmac, "privateKey"), TypeError);
});
