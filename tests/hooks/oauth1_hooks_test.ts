import assert from "node:assert/strict";
import { OAuth1Client } from "../../oauth1/mod.ts";
import type { Hooks } from "../../hooks/mod.ts";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";

Deno.test("OAuth1Client runs protectedRequest hooks before signing, so what they add is signed", async () => {
  const provider = createOAuth1Provider({ consumerKey: "app", consumerSecret: "secret" });
  const order: string[] = [];
  const hooks: Hooks[] = [{
    protectedRequest: [async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push("first");
      const url = new URL(request.url);
      url.searchParams.set("lang", "en");
      return new Request(url, request);
    }],
  }, {
    protectedRequest: [(request) => {
      order.push("second");
      assert.equal(request.headers.get("authorization"), null, "not signed yet");
      return request;
    }],
  }];
  const client = new OAuth1Client({
    clientKey: "app",
    clientSecret: "secret",
    callbackUri: "https://app.example/cb",
    hooks,
    fetch: provider.handle,
  });
  await client.fetchRequestToken("http://127.0.0.1:9/request_token");
  const callback =
    (await provider.handle(new Request(client.authorizationUrl("http://127.0.0.1:9/authorize"))))
      .headers.get("location")!;
  client.parseAuthorizationResponse(callback);
  await client.fetchAccessToken("http://127.0.0.1:9/access_token");
  order.length = 0;
  const signed = await client.sign(new Request("http://127.0.0.1:9/api/me"));
  assert.equal(new URL(signed.url).searchParams.get("lang"), "en");
  assert.deepEqual(order, ["first", "second"]);
  // The provider verifies the signature with oauth-1.0a, over the query the hook added.
  assert.equal((await client.fetch("http://127.0.0.1:9/api/me")).status, 200);
  assert.ok(provider.log.at(-1)?.includes("signed API call accepted"));
});

Deno.test("a throwing OAuth1 hook aborts the request with its error; other hook points are refused", async () => {
  let sent = 0;
  const client = new OAuth1Client({
    clientKey: "app",
    hooks: { protectedRequest: [() => Promise.reject(new RangeError("blocked"))] },
    fetch: () => {
      sent++;
      return Promise.resolve(new Response("ok"));
    },
  });
  await assert.rejects(client.fetch("https://api.example/"), {
    name: "RangeError",
    message: "blocked",
  });
  assert.equal(sent, 0);
  assert.throws(
    () => new OAuth1Client({ clientKey: "app", hooks: { accessTokenResponse: [(r) => r] } }),
    {
      name: "TypeError",
      message: /hooks.accessTokenResponse does not apply to OAuth 1.0a/,
    },
  );
});
