// `npm run test:node` and `npm run test:bun`: the built npm package (npm/), imported through its exports
// map, on the checks that matter most across runtimes (node --test, bun test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { OAuth1Client, OAuth2Client, OAuthError } from "@x/oauth";
import { signatureBaseString } from "@x/oauth/oauth1";
import { codeChallenge, parseWwwAuthenticate } from "@x/oauth/oauth2";
import { github } from "@x/oauth/hooks";

const vectors = JSON.parse(
  readFileSync(new URL("../fixtures/oauth1_oauthlib.json", import.meta.url), "utf8"),
);
const keys = JSON.parse(
  readFileSync(new URL("../fixtures/oauth1_rsa_test_key.json", import.meta.url), "utf8"),
);

test("OAuth1Client signs the https header-placement oauthlib vectors byte for byte", async () => {
  const cases = vectors.cases.filter((c) =>
    c.expected.authorization && c.request.url.startsWith("https:") &&
    !new URL(c.request.url).username
  );
  assert.ok(cases.length > 50, `${cases.length} cases`);
  for (const vector of cases) {
    const { privateKey, ...options } = vector.client;
    const client = new OAuth1Client({
      ...options,
      ...(privateKey ? { privateKey: keys[privateKey] } : {}),
      nonce: () => vector.nonce,
      timestamp: () => vector.timestamp,
    });
    const { method, url, headers, body } = vector.request;
    const signed = await client.sign(
      new Request(url, { method, headers, body: body ?? undefined }),
    );
    assert.equal(signed.headers.get("authorization"), vector.expected.authorization, vector.name);
  }
});

test("the RFC 5849 §3.4.1.1 base string and the RFC 7636 Appendix B challenge", async () => {
  const url = new URL("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
  const parameters = [
    ...url.searchParams,
    ["c2", ""],
    ["a3", "2 q"],
    ["oauth_consumer_key", "9djdj82h48djs9d2"],
    ["oauth_token", "kkk9d7dh3k39sjv7"],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "137131201"],
    ["oauth_nonce", "7d8f3e4a"],
  ];
  assert.match(
    signatureBaseString("POST", url, parameters),
    /^POST&http%3A%2F%2Fexample\.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q/,
  );
  assert.equal(
    await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
});

test("an OAuth 2.0 code flow with PKCE, refresh and a hook, against a fake server", async () => {
  const sent = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "SECRET_SENTINEL_NODE",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/cb",
    hooks: github,
    fetch: async (request) => {
      sent.push(new URLSearchParams(await request.text()));
      return Response.json({
        access_token: `at${sent.length}`,
        token_type: "bearer",
        scope: "repo,gist",
        refresh_token: "rt",
      });
    },
  });
  const { url, state, codeVerifier } = await client.authorizationUrl();
  const token = await client.fetchToken({
    authorizationResponse: `https://app.example/cb?code=c&state=${state}`,
    state,
    codeVerifier,
  });
  assert.equal(token.scope, "repo gist");
  assert.equal(sent[0].get("code_verifier"), codeVerifier);
  assert.equal(url.searchParams.get("code_challenge"), await codeChallenge(codeVerifier, "S256"));
  assert.equal((await client.refreshToken()).access_token, "at2");
  await assert.rejects(
    client.fetchToken({
      authorizationResponse: "https://app.example/cb?code=c&state=forged",
      state,
      codeVerifier,
    }),
    (error) => error instanceof OAuthError && error.code === "state_mismatch",
  );
  assert.equal(sent.length, 2);
  assert.doesNotMatch(inspect(client), /SECRET_SENTINEL_NODE/);
  assert.equal(parseWwwAuthenticate('Bearer error="invalid_token"')[0].error, "invalid_token");
});
