/**
 * oauthlib's own published test vectors (`tests/oauth1/rfc5849/test_client.py`, recorded in
 * `tests/fixtures/oauth1_oauthlib_http_vectors.json`), all on http: URLs beyond loopback: with
 * `allowInsecureRequests: true` we sign them byte for byte as oauthlib does; without it we
 * refuse them; and the PLAINTEXT one is refused even with it, while the signing core still
 * agrees with oauthlib on its header.
 */
import assert from "node:assert/strict";
import {
  OAuth1Client,
  type OAuth1ClientOptions,
  signOAuth1Request,
  type SignOAuth1RequestOptions,
} from "../../oauth1/mod.ts";
import { plaintextSigner } from "../../oauth1/signature_methods.ts";
import { signRequest } from "../../oauth1/_signing.ts";
import { OAuthError } from "../../errors.ts";
import vectors from "../fixtures/oauth1_oauthlib_http_vectors.json" with { type: "json" };

interface Vector {
  name: string;
  test: string;
  client: Record<string, string>;
  nonce: string;
  timestamp: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  expected: { authorization?: string; signature?: string; url?: string; body?: string };
}

const cases = vectors.cases as unknown as Vector[];

function request(vector: Vector): Request {
  const { method, url, headers, body } = vector.request;
  return new Request(url, { method, headers, body: body ?? undefined });
}

function clientOptions(vector: Vector, extra: Partial<OAuth1ClientOptions> = {}) {
  const { privateKey, ...rest } = vector.client;
  return {
    ...(rest as unknown as OAuth1ClientOptions),
    ...(privateKey ? { privateKey: vectors.rsaKey } : {}),
    nonce: () => vector.nonce,
    timestamp: () => vector.timestamp,
    ...extra,
  };
}

/** Checks a signed request against every output the vector gives, byte for byte. */
async function assertMatches(signed: Request, vector: Vector): Promise<void> {
  const { authorization, url, body } = vector.expected;
  if (authorization !== undefined) {
    assert.equal(signed.headers.get("authorization"), authorization, vector.name);
  }
  if (url !== undefined) assert.equal(signed.url, url, vector.name);
  if (body !== undefined) assert.equal(await signed.clone().text(), body, vector.name);
}

const plaintext = cases.filter((vector) => vector.client.signatureMethod === "PLAINTEXT");
const signable = cases.filter((vector) => vector.client.signatureMethod !== "PLAINTEXT");

Deno.test("the fixture names its source and holds oauthlib's http vectors for every placement", () => {
  assert.match(vectors.source, /oauthlib\/oauthlib\/blob\/[0-9a-f]{40}\/tests\/oauth1\/rfc5849/);
  assert.equal(cases.length, 8);
  for (const vector of cases) {
    assert.equal(new URL(vector.request.url).protocol, "http:", vector.name);
  }
  const placements = new Set(cases.map((vector) => vector.client.signatureType ?? "header"));
  assert.deepEqual([...placements].sort(), ["body", "header", "query"]);
  assert.equal(plaintext.length, 1);
});

for (const vector of signable) {
  Deno.test(`with allowInsecureRequests the client signs oauthlib's vector byte for byte: ${vector.name} (${vector.test})`, async () => {
    const client = new OAuth1Client(clientOptions(vector, { allowInsecureRequests: true }));
    await assertMatches(await client.sign(request(vector)), vector);
  });

  Deno.test(`without allowInsecureRequests the client refuses oauthlib's http vector: ${vector.name}`, async () => {
    const client = new OAuth1Client(clientOptions(vector));
    await assert.rejects(client.sign(request(vector)), (error: unknown) => {
      assert.ok(error instanceof OAuthError);
      assert.equal(error.code, "insecure_transport");
      assert.match(error.message, /allowInsecureRequests: true/);
      return true;
    });
  });
}

Deno.test("with allowInsecureRequests signOAuth1Request signs oauthlib's HMAC vectors byte for byte", async () => {
  const hmac = signable.filter((vector) => !vector.client.signatureMethod?.startsWith("RSA-"));
  assert.equal(hmac.length, 6);
  for (const vector of hmac) {
    const options = {
      ...(vector.client as unknown as SignOAuth1RequestOptions),
      nonce: vector.nonce,
      timestamp: vector.timestamp,
      allowInsecureRequests: true,
    };
    await assertMatches(await signOAuth1Request(request(vector), options), vector);
  }
});

for (const vector of plaintext) {
  Deno.test(`oauthlib's PLAINTEXT vector on http is refused even with allowInsecureRequests (RFC 5849 §3.4.4): ${vector.test}`, async () => {
    const { clientKey, clientSecret, tokenSecret } = vector.client;
    const options = {
      clientKey,
      clientSecret,
      tokenSecret,
      signatureMethod: "PLAINTEXT" as const,
      nonce: vector.nonce,
      timestamp: vector.timestamp,
      allowInsecureRequests: true,
    };
    await assert.rejects(signOAuth1Request(request(vector), options), {
      code: "insecure_transport",
      message: /PLAINTEXT request must use https: .* even with allowInsecureRequests: true/,
    });
    // The client holds a token secret only with a token, which this vector has not.
    const client = new OAuth1Client({
      clientKey,
      clientSecret,
      signatureMethod: "PLAINTEXT",
      allowInsecureRequests: true,
    });
    await assert.rejects(client.sign(request(vector)), {
      code: "insecure_transport",
      message: /PLAINTEXT request must use https:/,
    });
  });

  Deno.test(`the signing core, which has no transport policy, gives oauthlib's PLAINTEXT header byte for byte: ${vector.test}`, async () => {
    const { clientKey, clientSecret, tokenSecret } = vector.client;
    const signed = await signRequest(request(vector), {
      protocol: {
        clientKey,
        signatureMethod: "PLAINTEXT",
        nonce: vector.nonce,
        timestamp: vector.timestamp,
        includeVersion: true,
      },
      signer: plaintextSigner(clientSecret, tokenSecret),
      signatureType: "header",
    });
    await assertMatches(signed, vector);
  });
}
