import assert from "node:assert/strict";
import {
  oauth1AuthorizationHeader,
  signOAuth1Request,
  type SignOAuth1RequestOptions,
} from "../../oauth1/mod.ts";
import vectors from "../fixtures/oauth1_oauthlib.json" with { type: "json" };

interface Vector {
  name: string;
  client: Record<string, string | boolean>;
  nonce: string;
  timestamp: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  expected: { authorization?: string };
}

const cases = (vectors.cases as unknown as Vector[]).filter((vector) =>
  vector.expected.authorization !== undefined && vector.request.url.startsWith("https:") &&
  !new URL(vector.request.url).username &&
  !String(vector.client.signatureMethod).startsWith("RSA") &&
  vector.client.callbackUri === undefined && vector.client.verifier === undefined &&
  !vector.client.bodyHash
);

function inputs(vector: Vector): [Request, SignOAuth1RequestOptions] {
  const { method, url, headers, body } = vector.request;
  return [
    new Request(url, { method, headers, body: body ?? undefined }),
    {
      ...(vector.client as unknown as SignOAuth1RequestOptions),
      nonce: vector.nonce,
      timestamp: vector.timestamp,
    },
  ];
}

Deno.test(`signOAuth1Request gives oauthlib's Authorization header byte for byte (${cases.length} vectors)`, async () => {
  assert.ok(cases.length >= 40, `${cases.length}`);
  for (const vector of cases) {
    const signed = await signOAuth1Request(...inputs(vector));
    assert.equal(signed.headers.get("authorization"), vector.expected.authorization, vector.name);
  }
});

Deno.test(`oauth1AuthorizationHeader gives the same oauthlib headers, leaving the request unread`, async () => {
  const headerCases = cases.filter((vector) =>
    (vector.client.signatureType ?? "header") === "header"
  );
  assert.ok(headerCases.length >= 40, `${headerCases.length}`);
  for (const vector of headerCases) {
    const [request, options] = inputs(vector);
    assert.equal(await oauth1AuthorizationHeader(request, options), vector.expected.authorization);
    assert.equal(request.bodyUsed, false, vector.name);
    if (vector.request.body !== null) assert.equal(await request.text(), vector.request.body);
  }
});

Deno.test("signOAuth1Request refuses RSA methods, missing keys and plain http with clear errors", async () => {
  const request = () => new Request("https://api.example/");
  await assert.rejects(
    signOAuth1Request(request(), { clientKey: "k", signatureMethod: "RSA-SHA1" as never }),
    { name: "TypeError", message: /HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT/ },
  );
  await assert.rejects(signOAuth1Request(request(), {} as never), {
    name: "TypeError",
    message: /clientKey/,
  });
  await assert.rejects(
    signOAuth1Request("https://api.example/" as never, { clientKey: "k" }),
    TypeError,
  );
  await assert.rejects(signOAuth1Request(new Request("http://api.example/"), { clientKey: "k" }), {
    code: "insecure_transport",
  });
  await assert.rejects(
    oauth1AuthorizationHeader(new Request("http://api.example/"), { clientKey: "k" }),
    { code: "insecure_transport" },
  );
  await assert.rejects(
    oauth1AuthorizationHeader("https://api.example/" as never, { clientKey: "k" }),
    {
      name: "TypeError",
      message: /oauth1AuthorizationHeader needs a Request/,
    },
  );
});

Deno.test("with allowInsecureRequests: true both signers sign a request to http beyond loopback", async () => {
  const options = {
    clientKey: "k",
    clientSecret: "s",
    nonce: "n",
    timestamp: "1",
    allowInsecureRequests: true,
  };
  const signed = await signOAuth1Request(new Request("http://api.example/x"), options);
  const authorization = await oauth1AuthorizationHeader(
    new Request("http://api.example/x"),
    options,
  );
  assert.match(authorization, /^OAuth oauth_nonce="n", .*oauth_signature="[^"]+"$/);
  assert.equal(signed.headers.get("authorization"), authorization);
});

Deno.test("both signers refuse PLAINTEXT to http beyond loopback even with allowInsecureRequests", async () => {
  const options = {
    clientKey: "k",
    clientSecret: "s",
    signatureMethod: "PLAINTEXT" as const,
    allowInsecureRequests: true,
  };
  const refused = {
    code: "insecure_transport",
    message: /PLAINTEXT request must use https: .*even with allowInsecureRequests: true/,
  };
  await assert.rejects(signOAuth1Request(new Request("http://api.example/x"), options), refused);
  await assert.rejects(
    oauth1AuthorizationHeader(new Request("http://api.example/x"), options),
    refused,
  );
});

Deno.test("allowInsecureRequests must be a boolean, so a truthy string opens nothing", async () => {
  await assert.rejects(
    signOAuth1Request(new Request("http://api.example/x"), {
      clientKey: "k",
      allowInsecureRequests: "false" as never,
    }),
    { name: "TypeError", message: /allowInsecureRequests must be a boolean, got a string/ },
  );
});
