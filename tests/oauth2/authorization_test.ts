import assert from "node:assert/strict";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { codeChallenge } from "../../oauth2/authorization.ts";

function client(options: Partial<OAuth2ClientOptions> = {}) {
  return new OAuth2Client({
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize?tenant=a+b",
    redirectUri: "https://app.example/callback",
    scope: ["read", "write"],
    ...options,
  });
}

Deno.test("the authorization URL carries the code flow's parameters, S256 PKCE and a 256-bit state", async () => {
  const { url, state, codeVerifier, nonce } = await client().authorizationUrl();
  const query = url.searchParams;
  assert.ok(
    url.href.startsWith("https://as.example/authorize?tenant=a+b&response_type=code&"),
    "the endpoint's query is kept",
  );
  assert.equal(query.get("response_type"), "code");
  assert.equal(query.get("client_id"), "app");
  assert.equal(query.get("redirect_uri"), "https://app.example/callback");
  assert.equal(query.get("scope"), "read write");
  assert.equal(query.get("state"), state);
  assert.match(state, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(query.get("code_challenge_method"), "S256");
  assert.equal(query.get("code_challenge"), await codeChallenge(codeVerifier!, "S256"));
  assert.equal(nonce, undefined);
  assert.equal(query.has("nonce"), false);
});

Deno.test("pkce plain really sends plain, and pkce false sends no challenge", async () => {
  const plain = await client({ pkce: "plain" }).authorizationUrl();
  assert.equal(plain.url.searchParams.get("code_challenge_method"), "plain");
  assert.equal(plain.url.searchParams.get("code_challenge"), plain.codeVerifier);
  const none = await client({ pkce: false }).authorizationUrl();
  assert.equal(none.codeVerifier, undefined);
  assert.equal(none.url.searchParams.has("code_challenge"), false);
});

Deno.test("an openid scope brings a nonce; states and nonces never repeat", async () => {
  const states = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const { url, state, nonce } = await client().authorizationUrl({ scope: "openid profile" });
    assert.equal(url.searchParams.get("nonce"), nonce);
    assert.match(nonce!, /^[A-Za-z0-9_-]{43}$/);
    states.add(state).add(nonce!);
  }
  assert.equal(states.size, 400);
});

Deno.test("nonce: true sends a nonce with every request, also without openid, and its code's redemption needs it", async () => {
  let sent = 0;
  const withNonce = client({
    nonce: true,
    tokenEndpoint: "https://as.example/token",
    fetch: () => {
      sent++;
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    },
  });
  const { url, state, codeVerifier, nonce } = await withNonce.authorizationUrl();
  assert.equal(url.searchParams.get("scope"), "read write");
  assert.match(nonce!, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(url.searchParams.get("nonce"), nonce);
  assert.notEqual((await withNonce.authorizationUrl()).nonce, nonce);
  assert.equal((await withNonce.authorizationUrl({ nonce: "mine" })).nonce, "mine");
  // OpenID Connect Core §3.1.2.1: a nonce binds the ID token to the login only when checked.
  const callback = `https://app.example/callback?code=c&state=${state}`;
  for (
    const grant of [{ authorizationResponse: callback, state, codeVerifier }, {
      code: "c",
      codeVerifier,
    }]
  ) {
    await assert.rejects(withNonce.fetchToken(grant), { name: "TypeError", message: /nonce/ });
  }
  assert.equal(sent, 0);
  assert.equal((await client({ nonce: false }).authorizationUrl()).nonce, undefined);
  assert.throws(() => client({ nonce: "yes" as unknown as boolean }), TypeError);
});

Deno.test("extra parameters pass through, repeated for arrays, after the client's own", async () => {
  const { url } = await client().authorizationUrl({
    prompt: "consent",
    resource: ["https://a.example", "https://b.example"],
  });
  assert.equal(url.searchParams.get("prompt"), "consent");
  assert.deepEqual(url.searchParams.getAll("resource"), ["https://a.example", "https://b.example"]);
});

Deno.test("authorizationParams go into every authorization URL, and a call's own params win", async () => {
  const preset = client({ authorizationParams: { access_type: "offline", prompt: "consent" } });
  const first = (await preset.authorizationUrl()).url.searchParams;
  assert.equal(first.get("access_type"), "offline");
  assert.equal(first.get("prompt"), "consent");
  const second = (await preset.authorizationUrl({ prompt: "none" })).url.searchParams;
  assert.deepEqual(second.getAll("prompt"), ["none"]);
  assert.equal(second.get("access_type"), "offline");
  for (const name of ["state", "codeVerifier", "nonce", "code_challenge", "redirect_uri"]) {
    assert.throws(() => client({ authorizationParams: { [name]: "fixed" } }), {
      name: "TypeError",
      message: `authorizationParams cannot set ${name}: the client sets it`,
    });
  }
  assert.throws(() => client({ authorizationParams: { max_age: 30 as never } }), {
    name: "TypeError",
    message: "authorizationParams member max_age must be a string or strings, got a number",
  });
  assert.throws(
    () => client({ authorizationParams: "access_type=offline" as never }),
    { name: "TypeError", message: /authorizationParams/ },
  );
});

Deno.test("extra parameters cannot replace PKCE or the other protocol parameters", async () => {
  const protocol = [
    "code_challenge",
    "code_challenge_method",
    "response_type",
    "client_id",
    "redirect_uri",
    "request_uri",
  ];
  for (const name of protocol) {
    await assert.rejects(client().authorizationUrl({ [name]: "x" }), {
      name: "TypeError",
      message: new RegExp(`cannot override ${name}`),
    });
  }
});

Deno.test("state, scope and nonce are set through their named options, once each", async () => {
  const { url, state, nonce } = await client().authorizationUrl({
    state: "mine",
    scope: "a",
    nonce: "n",
  });
  assert.deepEqual(url.searchParams.getAll("state"), ["mine"]);
  assert.equal(state, "mine");
  assert.deepEqual(url.searchParams.getAll("scope"), ["a"]);
  assert.deepEqual([url.searchParams.getAll("nonce"), nonce], [["n"], "n"]);
});

Deno.test("a redirect URI with a fragment, or a relative one, is refused (RFC 6749 §3.1.2)", async () => {
  assert.throws(() => client({ redirectUri: "https://app.example/cb#x" }), {
    name: "TypeError",
    message: /fragment/,
  });
  await assert.rejects(client().authorizationUrl({ redirectUri: "/cb" }), {
    name: "TypeError",
    message: /absolute URI/,
  });
});

Deno.test("an authorization endpoint over plain http (not loopback) is insecure_transport", () => {
  assert.throws(() => client({ authorizationEndpoint: "http://as.example/authorize" }), {
    code: "insecure_transport",
  });
  assert.doesNotThrow(() => client({ authorizationEndpoint: "http://127.0.0.1:8080/authorize" }));
});

Deno.test("authorizationUrl without an authorization endpoint is a TypeError naming the option", async () => {
  await assert.rejects(new OAuth2Client({ clientId: "app" }).authorizationUrl(), {
    name: "TypeError",
    message: /authorizationEndpoint/,
  });
});
