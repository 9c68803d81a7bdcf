/**
 * `readCallback` and `fetchToken({ authorizationResponse: request })`: a GET callback is its
 * URL; a form_post one (OAuth 2.0 Form Post Response Mode) is its URL with the form's
 * parameters; anything else is `invalid_callback`.
 */
import assert from "node:assert/strict";
import { OAuth2Client, readCallback } from "../../oauth2/mod.ts";

const post = (
  body: string,
  type = "application/x-www-form-urlencoded",
  url = "https://app.example/cb",
) => new Request(url, { method: "POST", headers: { "content-type": type }, body });

Deno.test("a GET callback is its own URL", async () => {
  const url = await readCallback(new Request("https://app.example/cb?code=c&state=s"));
  assert.equal(url.href, "https://app.example/cb?code=c&state=s");
});

Deno.test("a form POST adds its parameters to the redirect URI's own query", async () => {
  const url = await readCallback(
    post(
      "code=c&state=s&user=%7B%7D",
      "application/x-www-form-urlencoded; charset=UTF-8",
      "https://app.example/cb?provider=apple",
    ),
  );
  assert.deepEqual([...url.searchParams], [["provider", "apple"], ["code", "c"], ["state", "s"], [
    "user",
    "{}",
  ]]);
});

Deno.test("a POST whose URL's query carries a response parameter is refused (Form Post Response Mode §2)", async () => {
  const names = ["code", "state", "iss", "error", "error_description", "error_uri", "id_token"];
  for (const name of [...names, "user"]) {
    await assert.rejects(
      readCallback(post("code=c&state=s", undefined, `https://app.example/cb?${name}=q`)),
      { code: "invalid_callback", message: new RegExp(`\\b${name}\\b`) },
      name,
    );
  }
  // The response is in the body or nowhere: an empty form with it in the query is no callback.
  await assert.rejects(
    readCallback(post("", undefined, "https://app.example/cb?code=fromQuery&state=s")),
    { code: "invalid_callback" },
  );
  // A GET callback's query is its response.
  const get = await readCallback(new Request("https://app.example/cb?code=c&state=s&iss=x"));
  assert.equal(get.searchParams.get("code"), "c");
});

Deno.test("a POST that is not a form, another method, or a body over 64 KiB is refused", async () => {
  await assert.rejects(readCallback(post('{"code":"c"}', "application/json")), {
    code: "invalid_callback",
  });
  await assert.rejects(
    readCallback(new Request("https://app.example/cb", { method: "PUT", body: "code=c" })),
    {
      code: "invalid_callback",
    },
  );
  await assert.rejects(readCallback(post(`code=${"c".repeat(65 * 1024)}`)), {
    code: "invalid_callback",
  });
  await assert.rejects(readCallback("https://app.example/cb" as unknown as Request), TypeError);
});

Deno.test("fetchToken takes the POSTed callback, and checks it as a redirect's", async () => {
  const sent: URLSearchParams[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/cb",
    fetch: async (request) => {
      sent.push(new URLSearchParams(await request.text()));
      return Response.json({ access_token: "at", token_type: "Bearer" });
    },
  });
  const { state, codeVerifier } = await client.authorizationUrl();
  await assert.rejects(
    client.fetchToken({ authorizationResponse: post(`code=c&state=forged`), state, codeVerifier }),
    { code: "state_mismatch" },
  );
  await assert.rejects(
    client.fetchToken({
      authorizationResponse: post(`code=c&state=${state}&state=${state}`),
      state,
      codeVerifier,
    }),
    { code: "duplicate_param" },
  );
  const token = await client.fetchToken({
    authorizationResponse: post(`code=c1&state=${state}`),
    state,
    codeVerifier,
  });
  assert.equal(token.access_token, "at");
  assert.equal(sent.length, 1);
  assert.equal(sent[0].get("code"), "c1");
});

Deno.test("a request of another implementation (a Node adapter's) is read as a Request; other values are TypeErrors", async () => {
  const native = post("code=c&state=s");
  // The shape @whatwg-node/server's requests have on Node: not `instanceof Request`.
  const foreign = {
    url: native.url,
    method: native.method,
    headers: native.headers,
    body: native.body,
  } as unknown as Request;
  assert.equal(foreign instanceof Request, false);
  const url = await readCallback(foreign);
  assert.equal(url.searchParams.get("code"), "c");
  for (const value of [undefined, "https://app.example/cb?code=c", { url: "x", method: "GET" }]) {
    await assert.rejects(readCallback(value as unknown as Request), {
      name: "TypeError",
      message: /readCallback needs the callback Request/,
    });
  }
});
