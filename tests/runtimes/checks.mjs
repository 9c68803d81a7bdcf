/**
 * The cross-runtime checks: the built npm package as a user imports it. Plain JavaScript, so that
 * every runtime loads it as it is: Node's and Bun's test runners register `checks` as tests
 * (tests/node/), and as a Worker-style module (`fetch` runs every check and answers with the
 * results as JSON) it runs inside workerd and headless Chromium. No Node or Deno API is used.
 */
import { OAuth1Client, OAuth2Client, OAuthError } from "@x/oauth";
import { codeChallenge, parseWwwAuthenticate } from "@x/oauth/oauth2";
import { github } from "@x/oauth/hooks";
import vectors from "../fixtures/oauth1_oauthlib.json" with { type: "json" };
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** `[name, run]` pairs. */
export const checks = [
  ["OAuth1Client signs the https header-placement oauthlib vectors byte for byte", async () => {
    const cases = vectors.cases.filter((c) =>
      c.expected.authorization && c.request.url.startsWith("https:") &&
      !new URL(c.request.url).username
    );
    expect(cases.length > 50, `${cases.length} cases`);
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
      expect(signed.headers.get("authorization") === vector.expected.authorization, vector.name);
    }
  }],
  ["the RFC 7636 Appendix B challenge", async () => {
    const challenge = await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256");
    expect(challenge === "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", challenge);
  }],
  [
    "an OAuth 2.0 code flow with PKCE, refresh, a hook, a caller signal and a refused forgery",
    async () => {
      const sent = [];
      const client = new OAuth2Client({
        clientId: "app",
        clientSecret: "SECRET_SENTINEL_WORKERD",
        authorizationEndpoint: "https://as.example/authorize",
        tokenEndpoint: "https://as.example/token",
        redirectUri: "https://app.example/cb",
        hooks: github,
        fetch: async (request) => {
          expect(request.redirect === "manual", "token requests never follow redirects");
          sent.push(new URLSearchParams(await request.text()));
          return Response.json({
            access_token: `at${sent.length}`,
            token_type: "bearer",
            scope: "repo,gist",
            refresh_token: "rt",
          });
        },
      });
      const { state, codeVerifier } = await client.authorizationUrl();
      const signal = new AbortController().signal;
      const token = await client.fetchToken({
        authorizationResponse: `https://app.example/cb?code=c&state=${state}`,
        state,
        codeVerifier,
        signal,
      });
      expect(token.scope === "repo gist", "github scope fix");
      expect((await client.refreshToken()).access_token === "at2", "refresh");
      const forged = await client.fetchToken({
        authorizationResponse: "https://app.example/cb?code=c&state=x",
        state,
        codeVerifier,
      })
        .then(
          () => "accepted",
          (error) => error instanceof OAuthError ? error.code : String(error),
        );
      expect(forged === "state_mismatch", forged);
      expect(sent.length === 2, "no request for the forgery");
      expect(!String(client).includes("SECRET_SENTINEL_WORKERD"), "no secret in String(client)");
    },
  ],
  ["query placement and a form body keep working under the runtime's Request", async () => {
    const client = new OAuth1Client({ clientKey: "k", clientSecret: "s", signatureType: "query" });
    const signed = await client.sign(
      new Request("https://api.example/x?a=1", {
        method: "POST",
        body: "b=2",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(new URL(signed.url).searchParams.has("oauth_signature"), "signature in the query");
    expect(await signed.text() === "b=2", "body kept");
  }],
  ["WWW-Authenticate challenges are parsed", () => {
    expect(
      parseWwwAuthenticate('Bearer error="invalid_token"')[0].error === "invalid_token",
      "invalid_token",
    );
    return Promise.resolve();
  }],
];

export default {
  async fetch() {
    const results = [];
    for (const [name, run] of checks) {
      try {
        await run();
        results.push({ name, ok: true });
      } catch (error) {
        results.push({
          name,
          ok: false,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    }
    return Response.json(results);
  },
};
