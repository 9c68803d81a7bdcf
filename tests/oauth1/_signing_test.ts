import assert from "node:assert/strict";
import { OAuth1Client, type OAuth1ClientOptions } from "../../oauth1/mod.ts";
import { OAuthError } from "../../errors.ts";
import { decodeForm } from "../../_encoding.ts";
import { oauthHeaderParameters } from "../_helpers.ts";

const FORM = "application/x-www-form-urlencoded";

function client(options: Partial<OAuth1ClientOptions> = {}) {
  return new OAuth1Client({
    clientKey: "key",
    clientSecret: "secret",
    nonce: () => "nonce123",
    timestamp: () => "1700000000",
    ...options,
  });
}

Deno.test("header placement writes realm first and the parameters in oauthlib's order", async () => {
  const signed = await client({ realm: "Photos", token: "t", tokenSecret: "ts" }).sign(
    new Request("https://api.example/photos?size=original"),
  );
  assert.match(
    signed.headers.get("authorization")!,
    /^OAuth realm="Photos", oauth_nonce="nonce123", oauth_timestamp="1700000000", oauth_version="1\.0", oauth_signature_method="HMAC-SHA1", oauth_consumer_key="key", oauth_token="t", oauth_signature="[A-Za-z0-9%]+"$/,
  );
  assert.equal(signed.url, "https://api.example/photos?size=original");
});

Deno.test("a realm with quotes and backslashes is written as an escaped quoted-string", async () => {
  const signed = await client({ realm: 'a "b" \\c' }).sign(new Request("https://api.example/"));
  assert.match(signed.headers.get("authorization")!, /^OAuth realm="a \\"b\\" \\\\c", /);
});

Deno.test("query placement appends the protocol parameters after the caller's own query", async () => {
  const signed = await client({ signatureType: "query" }).sign(
    new Request("https://api.example/x?q=a+b&z=%7e"),
  );
  const url = new URL(signed.url);
  assert.ok(signed.url.startsWith("https://api.example/x?q=a+b&z=%7e&oauth_nonce=nonce123&"));
  assert.equal(url.searchParams.get("oauth_consumer_key"), "key");
  assert.ok(url.searchParams.get("oauth_signature"));
  assert.equal(signed.headers.get("authorization"), null);
});

Deno.test("body placement appends to a form body and creates one for an empty POST", async () => {
  const withForm = await client({ signatureType: "body" }).sign(
    new Request("https://api.example/x", {
      method: "POST",
      body: "a=1",
      headers: { "content-type": FORM },
    }),
  );
  const text = await withForm.text();
  assert.ok(text.startsWith("a=1&oauth_nonce=nonce123&"));
  assert.ok(new URLSearchParams(text).get("oauth_signature"));

  const empty = await client({ signatureType: "body" }).sign(
    new Request("https://api.example/x", { method: "POST" }),
  );
  assert.equal(empty.headers.get("content-type"), FORM);
  assert.ok((await empty.text()).startsWith("oauth_nonce=nonce123&"));
});

Deno.test("body placement refuses GET and non-form bodies with a TypeError naming signatureType", async () => {
  await assert.rejects(
    client({ signatureType: "body" }).sign(new Request("https://api.example/x")),
    {
      name: "TypeError",
      message: /signatureType "body" cannot sign a GET/,
    },
  );
  const json = new Request("https://api.example/x", {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  await assert.rejects(client({ signatureType: "body" }).sign(json), {
    name: "TypeError",
    message: /signatureType "body" needs an application\/x-www-form-urlencoded body/,
  });
});

Deno.test("the same form body signs to the same signature in every placement", async () => {
  const request = () =>
    new Request("https://api.example/x?q=1", {
      method: "POST",
      body: "b=2+3&c",
      headers: { "content-type": `${FORM}; charset=UTF-8` },
    });
  const header = await client().sign(request());
  const query = await client({ signatureType: "query" }).sign(request());
  const body = await client({ signatureType: "body" }).sign(request());
  const fromHeader = oauthHeaderParameters(header.headers.get("authorization")!).get(
    "oauth_signature",
  );
  assert.equal(new URL(query.url).searchParams.get("oauth_signature"), fromHeader);
  assert.equal(new Map(decodeForm(await body.text())).get("oauth_signature"), fromHeader);
});

Deno.test("form bodies in another charset than UTF-8 are refused rather than mis-decoded", async () => {
  const latin1 = new Request("https://api.example/x", {
    method: "POST",
    body: "a=%E9",
    headers: { "content-type": `${FORM}; charset=ISO-8859-1` },
  });
  await assert.rejects(client().sign(latin1), { name: "TypeError", message: /charset=ISO-8859-1/ });
});

Deno.test("non-form bodies are not signed, so changing one keeps the signature", async () => {
  const sign = (body: string) =>
    client().sign(
      new Request("https://api.example/x", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
    );
  const a = (await sign('{"a":1}')).headers.get("authorization");
  const b = (await sign('{"a":2}')).headers.get("authorization");
  assert.equal(a, b);
});

Deno.test("oauth_body_hash matches the published examples of draft-eaton-oauth-bodyhash-00", async () => {
  const post = await client({ bodyHash: true }).sign(
    new Request("https://api.example/x", {
      method: "POST",
      body: "Hello World!",
      headers: { "content-type": "text/plain" },
    }),
  );
  assert.equal(
    oauthHeaderParameters(post.headers.get("authorization")!).get("oauth_body_hash"),
    "Lve95gjOVATpfV8EL5X4nxwjKHE=",
  );
  const get = await client({ bodyHash: true }).sign(new Request("https://api.example/x"));
  assert.equal(
    oauthHeaderParameters(get.headers.get("authorization")!).get("oauth_body_hash"),
    "2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
  );
  const form = await client({ bodyHash: true }).sign(
    new Request("https://api.example/x", {
      method: "POST",
      body: "a=1",
      headers: { "content-type": FORM },
    }),
  );
  assert.equal(
    oauthHeaderParameters(form.headers.get("authorization")!).has("oauth_body_hash"),
    false,
  );
});

Deno.test("signing leaves the original request untouched and its body readable", async () => {
  const original = new Request("https://api.example/x", {
    method: "PUT",
    body: "a=1",
    headers: { "content-type": FORM },
  });
  const signed = await client({ signatureType: "query" }).sign(original);
  assert.equal(original.headers.get("authorization"), null);
  assert.equal(original.url, "https://api.example/x");
  assert.equal(await original.text(), "a=1");
  assert.equal(await signed.text(), "a=1");
  assert.equal(signed.method, "PUT");
});

Deno.test("a request that already carries protocol parameters is refused instead of signed twice", async () => {
  const signed = await client({ signatureType: "query" }).sign(
    new Request("https://api.example/x"),
  );
  await assert.rejects(client({ signatureType: "query" }).sign(signed), {
    name: "TypeError",
    message: /already carries the protocol parameter oauth_nonce/,
  });
});

Deno.test("requests to plain http are refused unless the host is loopback", async () => {
  await assert.rejects(
    client().sign(new Request("http://api.example/x?secret=1")),
    (error: unknown) => {
      assert.ok(error instanceof OAuthError);
      assert.equal(error.code, "insecure_transport");
      assert.doesNotMatch(error.message, /secret=1/);
      return true;
    },
  );
  for (const loopback of ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:1/x"]) {
    assert.ok((await client().sign(new Request(loopback))).headers.has("authorization"), loopback);
  }
});

Deno.test("sign() rejects anything that is not a Request with a TypeError", async () => {
  // @ts-expect-error: a caller mistake on purpose
  await assert.rejects(client().sign("https://api.example/"), {
    name: "TypeError",
    message: /needs a Request/,
  });
});

Deno.test("without injected edges the nonce is 30 random alphanumerics and the timestamp is now", async () => {
  const plain = new OAuth1Client({ clientKey: "key" });
  const nonces = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const header = (await plain.sign(new Request("https://api.example/"))).headers.get(
      "authorization",
    )!;
    const parameters = oauthHeaderParameters(header);
    assert.match(parameters.get("oauth_nonce")!, /^[A-Za-z0-9]{30}$/);
    assert.ok(Math.abs(Number(parameters.get("oauth_timestamp")) - Date.now() / 1000) < 5);
    nonces.add(parameters.get("oauth_nonce")!);
  }
  assert.equal(nonces.size, 50);
});

Deno.test("includeVersion: false leaves oauth_version out", async () => {
  const signed = await client({ includeVersion: false }).sign(new Request("https://api.example/"));
  assert.equal(
    oauthHeaderParameters(signed.headers.get("authorization")!).has("oauth_version"),
    false,
  );
});

Deno.test("form bodies labelled utf8 or us-ascii are signed like UTF-8 ones", async () => {
  const sign = (charset: string) =>
    client().sign(
      new Request("https://api.example/x", {
        method: "POST",
        body: "a=%C3%A9",
        headers: { "content-type": `${FORM}; charset=${charset}` },
      }),
    );
  const reference = (await sign("UTF-8")).headers.get("authorization");
  for (const charset of ["utf8", "US-ASCII", '"utf-8"']) {
    assert.equal((await sign(charset)).headers.get("authorization"), reference, charset);
  }
});

Deno.test("query placement keeps the request's settings (keepalive, signal, redirect)", async () => {
  const controller = new AbortController();
  const original = new Request("https://api.example/x", {
    keepalive: true,
    signal: controller.signal,
    redirect: "manual",
  });
  const signed = await client({ signatureType: "query" }).sign(original);
  // Bun's Request has no keepalive at all; elsewhere it is true and must stay true.
  assert.equal(signed.keepalive, original.keepalive);
  assert.equal(signed.redirect, "manual");
  controller.abort();
  assert.ok(signed.signal.aborted);
});

Deno.test("header placement keeps the request's headers, body and settings, and replaces an old Authorization", async () => {
  const controller = new AbortController();
  const original = new Request("https://api.example/x", {
    method: "PUT",
    body: '{"a":1}',
    headers: { "content-type": "application/json", authorization: "Bearer old", "x-trace": "7" },
    signal: controller.signal,
    redirect: "manual",
  });
  const signed = await client().sign(original);
  assert.match(signed.headers.get("authorization")!, /^OAuth oauth_nonce="nonce123", /);
  assert.equal(signed.headers.get("x-trace"), "7");
  assert.equal(signed.headers.get("content-type"), "application/json");
  assert.equal(signed.method, "PUT");
  assert.equal(signed.redirect, "manual");
  assert.equal(await signed.text(), '{"a":1}');
  // The original is untouched, its body still readable.
  assert.equal(original.headers.get("authorization"), "Bearer old");
  assert.equal(await original.text(), '{"a":1}');
  controller.abort();
  assert.ok(signed.signal.aborted);
});

Deno.test("a signed request's headers can still be changed, as those of any new Request", async () => {
  const signed = await client().sign(new Request("https://api.example/x"));
  signed.headers.set("x-after", "1");
  assert.equal(signed.headers.get("x-after"), "1");
});
