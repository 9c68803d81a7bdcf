import assert from "node:assert/strict";
import OAuth from "oauth-1.0a";
import { createHmac } from "node:crypto";
import { OAuth1Client, type OAuth1ClientOptions } from "../oauth1/mod.ts";
import { OAuthError } from "../errors.ts";
import { oauthHeaderParameters } from "./_helpers.ts";

type Route = (request: Request) => Response;

/** A client whose fetch serves several origins from a table, recording every request. */
function clientWithRoutes(
  routes: Record<string, Route>,
  options: Partial<OAuth1ClientOptions> = {},
) {
  const seen: { url: string; method: string; headers: Headers; body: string }[] = [];
  const client = new OAuth1Client({
    clientKey: "key",
    clientSecret: "secret",
    token: "token",
    tokenSecret: "token-secret",
    fetch: async (request) => {
      assert.equal(request.redirect, "manual", "every hop is sent with redirect: manual");
      seen.push({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: await request.clone().text(),
      });
      const url = new URL(request.url);
      const route = routes[`${url.origin}${url.pathname}`];
      return route ? route(request) : new Response("not found", { status: 404 });
    },
    ...options,
  });
  return { client, seen };
}

const redirect = (status: number, location: string): Route => () =>
  new Response(null, { status, headers: { location } });
const ok: Route = () => new Response("ok");

Deno.test("a same-origin redirect is signed again for the new URL, with a new nonce", async () => {
  const { client, seen } = clientWithRoutes({
    "https://api.example/old": redirect(302, "/new?page=2"),
    "https://api.example/new": ok,
  });
  const response = await client.fetch("https://api.example/old");
  assert.equal(await response.text(), "ok");
  assert.equal(seen.length, 2);
  const first = oauthHeaderParameters(seen[0].headers.get("authorization"));
  const second = oauthHeaderParameters(seen[1].headers.get("authorization"));
  assert.notEqual(first.get("oauth_nonce"), second.get("oauth_nonce"));
  // npm oauth-1.0a, an independent signer, agrees with the signature of the second hop.
  const peer = new OAuth({
    consumer: { key: "key", secret: "secret" },
    signature_method: "HMAC-SHA1",
    hash_function: (base: string, key: string) =>
      createHmac("sha1", key).update(base).digest("base64"),
  });
  const oauthData = Object.fromEntries([...second].filter(([name]) => name !== "oauth_signature"));
  const expected = peer.getSignature(
    { url: "https://api.example/new", method: "GET", data: { page: "2" } },
    "token-secret",
    oauthData as unknown as OAuth.Data,
  );
  assert.equal(second.get("oauth_signature"), expected);
});

Deno.test("a cross-origin 307 is followed without any credential: no signature, no Authorization, no Cookie", async () => {
  const { client, seen } = clientWithRoutes(
    {
      "https://api.example/upload": redirect(307, "https://elsewhere.example/upload"),
      "https://elsewhere.example/upload": ok,
    },
    { signatureMethod: "PLAINTEXT", signatureType: "body" },
  );
  await client.fetch("https://api.example/upload", {
    method: "POST",
    body: "status=hi",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: "session=1" },
  });
  assert.equal(seen.length, 2);
  assert.match(seen[0].body, /oauth_signature=secret%26token-secret/);
  assert.equal(seen[1].url, "https://elsewhere.example/upload");
  assert.equal(seen[1].method, "POST");
  assert.equal(seen[1].body, "status=hi");
  assert.equal(seen[1].headers.get("authorization"), null);
  assert.equal(seen[1].headers.get("cookie"), null);
});

Deno.test("a redirect from https to http is refused before anything is sent there", async () => {
  const { client, seen } = clientWithRoutes({
    "https://api.example/x": redirect(301, "http://api.example/x"),
    "http://api.example/x": ok,
  });
  await assert.rejects(client.fetch("https://api.example/x"), (error: unknown) => {
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, "redirect_refused");
    return true;
  });
  assert.equal(seen.length, 1);
});

Deno.test("a 303 after a POST continues as a GET without the body", async () => {
  const { client, seen } = clientWithRoutes({
    "https://api.example/form": redirect(303, "/done"),
    "https://api.example/done": ok,
  });
  await client.fetch("https://api.example/form", {
    method: "POST",
    body: "a=1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(seen[1].method, "GET");
  assert.equal(seen[1].body, "");
  assert.equal(seen[1].headers.get("content-type"), null);
  assert.ok(seen[1].headers.get("authorization"), "same origin: signed again");
});

Deno.test("more than five redirects are refused as too_many_redirects", async () => {
  const { client, seen } = clientWithRoutes({ "https://api.example/loop": redirect(302, "/loop") });
  await assert.rejects(client.fetch("https://api.example/loop"), { code: "too_many_redirects" });
  assert.equal(seen.length, 6);
});

Deno.test("redirect: manual hands the redirect back untouched", async () => {
  const { client, seen } = clientWithRoutes({ "https://api.example/old": redirect(302, "/new") });
  const response = await client.fetch("https://api.example/old", { redirect: "manual" });
  assert.equal(response.status, 302);
  assert.equal(seen.length, 1);
});
