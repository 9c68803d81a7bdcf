/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2, §3): the URL
 * `OAuth2Client.endSessionUrl` builds at the provider's end-session endpoint, each parameter,
 * the endpoint from the options or the metadata, and the refusals. oidc_provider_logout_test.ts
 * follows the URL at oidc-provider.
 */
import assert from "node:assert/strict";
import {
  clearDiscoveryCache,
  discoverMetadata,
  OAuth2Client,
  type OAuth2ClientOptions,
} from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";

const END_SESSION = "https://op.example/logout";
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
const BACK = "https://app.example/logged-out";

function client(options: Partial<OAuth2ClientOptions> = {}): OAuth2Client {
  return new OAuth2Client({ clientId: "app", endSessionEndpoint: END_SESSION, ...options });
}

Deno.test("the end-session URL carries the ID token hint, the post-logout redirect URI and the state, in that order (§2)", () => {
  const url = client().endSessionUrl({
    idTokenHint: ID_TOKEN,
    postLogoutRedirectUri: BACK,
    state: "s1",
  });
  assert.ok(url instanceof URL);
  assert.equal(url.origin + url.pathname, END_SESSION);
  assert.deepEqual([...url.searchParams], [
    ["id_token_hint", ID_TOKEN],
    ["post_logout_redirect_uri", BACK],
    ["state", "s1"],
  ]);
});

Deno.test("with no parameters the URL is the endpoint itself", () => {
  assert.equal(client().endSessionUrl().href, END_SESSION);
  assert.equal(client().endSessionUrl({}).href, END_SESSION);
});

Deno.test("a post-logout redirect URI without an ID token hint brings the client's client_id, so the provider can check the URI (§2, §3)", () => {
  const url = client().endSessionUrl({ postLogoutRedirectUri: BACK });
  assert.deepEqual([...url.searchParams], [
    ["client_id", "app"],
    ["post_logout_redirect_uri", BACK],
  ]);
});

Deno.test("with the ID token hint, or without a post-logout redirect URI, client_id is not added on its own", () => {
  const hinted = client().endSessionUrl({ idTokenHint: ID_TOKEN, postLogoutRedirectUri: BACK });
  assert.equal(hinted.searchParams.has("client_id"), false);
  const bare = client().endSessionUrl({ idTokenHint: ID_TOKEN });
  assert.equal(bare.searchParams.has("client_id"), false);
});

Deno.test("a client_id the caller gives is sent as given, with or without the hint", () => {
  const hinted = client().endSessionUrl({ idTokenHint: ID_TOKEN, clientId: "app" });
  assert.deepEqual(hinted.searchParams.getAll("client_id"), ["app"]);
  const other = client().endSessionUrl({ postLogoutRedirectUri: BACK, clientId: "other-app" });
  assert.deepEqual(other.searchParams.getAll("client_id"), ["other-app"]);
});

Deno.test("ui_locales (a list joined with spaces) and logout_hint are sent (§2)", () => {
  const listed = client().endSessionUrl({ uiLocales: ["fr-CA", "fr", "en"], logoutHint: "alice" });
  assert.deepEqual([...listed.searchParams], [["logout_hint", "alice"], [
    "ui_locales",
    "fr-CA fr en",
  ]]);
  const spelled = client().endSessionUrl({ uiLocales: "de en" });
  assert.equal(spelled.searchParams.get("ui_locales"), "de en");
  assert.match(spelled.search, /^\?ui_locales=de\+en$/, "form-encoded, as a query (Core §13.1)");
});

Deno.test("the endpoint's own query is kept byte for byte, the parameters follow it", () => {
  const url = client({ endSessionEndpoint: "https://op.example/logout?tenant=a%2Fb&x" })
    .endSessionUrl({ postLogoutRedirectUri: "https://app.example/out?next=/home", state: "a b" });
  assert.equal(
    url.href,
    "https://op.example/logout?tenant=a%2Fb&x&client_id=app&post_logout_redirect_uri=" +
      "https%3A%2F%2Fapp.example%2Fout%3Fnext%3D%2Fhome&state=a+b",
  );
});

Deno.test("each call gives a new URL: changing one does not change the next", () => {
  const c = client();
  const first = c.endSessionUrl({ idTokenHint: ID_TOKEN });
  first.searchParams.set("id_token_hint", "changed");
  assert.equal(
    c.endSessionUrl({ idTokenHint: ID_TOKEN }).searchParams.get("id_token_hint"),
    ID_TOKEN,
  );
});

Deno.test("a post-logout redirect URI that is relative, has a fragment or is no string is a TypeError that does not repeat it", () => {
  for (const value of ["/logged-out", "https://app.example/out#done", 42, ""]) {
    assert.throws(
      () => client().endSessionUrl({ postLogoutRedirectUri: value as string }),
      (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.match(
          error.message,
          /postLogoutRedirectUri must be an absolute URI without a fragment/,
        );
        assert.ok(typeof value !== "string" || value === "" || !error.message.includes(value));
        return true;
      },
    );
  }
});

Deno.test("a state without a post-logout redirect URI is a TypeError: only that redirect brings it back (§2)", () => {
  assert.throws(() => client().endSessionUrl({ idTokenHint: ID_TOKEN, state: "s1" }), {
    name: "TypeError",
    message:
      /state is handed back only on the post-logout redirect: give postLogoutRedirectUri too/,
  });
});

Deno.test("empty or mistyped values, an empty locale list and unknown parameters are TypeErrors", () => {
  const c = client();
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ idTokenHint: "" }, /idTokenHint must be a non-empty string, got an empty one/],
    [
      { idTokenHint: { id_token: ID_TOKEN } },
      /idTokenHint must be a non-empty string, got an object/,
    ],
    [{ postLogoutRedirectUri: BACK, state: "" }, /state must be a non-empty string/],
    [{ clientId: "" }, /clientId must be a non-empty string/],
    [{ logoutHint: 7 }, /logoutHint must be a non-empty string, got a number/],
    [{ uiLocales: "" }, /uiLocales must be/],
    [{ uiLocales: [] }, /uiLocales must be/],
    [{ uiLocales: ["fr", "en us"] }, /uiLocales must be/],
    [{ postLogoutRedirectURI: BACK }, /unknown endSessionUrl param "postLogoutRedirectURI"/],
  ];
  for (const [params, message] of cases) {
    assert.throws(
      () => c.endSessionUrl(params),
      { name: "TypeError", message },
      JSON.stringify(params),
    );
  }
  assert.throws(() => c.endSessionUrl("id" as never), {
    name: "TypeError",
    message: /endSessionUrl params must be an object, got a string/,
  });
});

Deno.test("without an end-session endpoint it is end_session_unsupported; a mistaken call is still a TypeError", () => {
  const bare = new OAuth2Client({ clientId: "app" });
  assert.throws(() => bare.endSessionUrl({ idTokenHint: ID_TOKEN }), (error: unknown) => {
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, "end_session_unsupported");
    assert.match(error.message, /end_session_endpoint/);
    assert.match(error.message, /endSessionEndpoint/);
    assert.ok(!error.message.includes(ID_TOKEN));
    return true;
  });
  // A caller's mistake is still a TypeError, whatever the provider supports.
  assert.throws(() => bare.endSessionUrl({ state: "s" }), { name: "TypeError" });
});

Deno.test("metadata's end_session_endpoint is the endpoint; the option wins over it", () => {
  const metadata = {
    issuer: "https://op.example",
    end_session_endpoint: "https://op.example/session/end",
  };
  const discovered = new OAuth2Client({ clientId: "app", metadata });
  assert.equal(
    discovered.endSessionUrl({ idTokenHint: ID_TOKEN }).origin +
      discovered.endSessionUrl({ idTokenHint: ID_TOKEN }).pathname,
    "https://op.example/session/end",
  );
  const configured = new OAuth2Client({
    clientId: "app",
    metadata,
    endSessionEndpoint: END_SESSION,
  });
  assert.equal(configured.endSessionUrl().href, END_SESSION);
});

Deno.test("OAuth2Client.discover takes end_session_endpoint from the provider's metadata", async () => {
  clearDiscoveryCache();
  const issuer = "https://op-discovered.example";
  const client = await OAuth2Client.discover(issuer, {
    clientId: "app",
    fetch: () =>
      Promise.resolve(Response.json({ issuer, end_session_endpoint: `${issuer}/session/end` })),
  });
  assert.equal(client.metadata?.end_session_endpoint, `${issuer}/session/end`);
  assert.equal(client.endSessionUrl().href, `${issuer}/session/end`);
  clearDiscoveryCache();
});

Deno.test("an insecure end-session endpoint is refused when the client is made (insecure_transport); loopback http: and the opt-in pass", () => {
  assert.throws(() => client({ endSessionEndpoint: "javascript:alert(1)" }), {
    name: "TypeError",
    message: /endSessionEndpoint must use https:/,
  });
  assert.throws(() => client({ endSessionEndpoint: "http://op.example/logout" }), {
    code: "insecure_transport",
    message: /endSessionEndpoint must use https:/,
  });
  assert.throws(() => client({ endSessionEndpoint: "/logout" }), {
    name: "TypeError",
    message: /endSessionEndpoint must be an absolute http\(s\) URL/,
  });
  assert.equal(
    client({ endSessionEndpoint: "http://127.0.0.1:9/logout" }).endSessionUrl().href,
    "http://127.0.0.1:9/logout",
  );
  assert.equal(
    client({ endSessionEndpoint: "http://op.example/logout", allowInsecureRequests: true })
      .endSessionUrl().href,
    "http://op.example/logout",
  );
  // Given metadata is held to the same rule.
  assert.throws(
    () =>
      new OAuth2Client({
        clientId: "app",
        metadata: { issuer: "https://op.example", end_session_endpoint: "http://op.example/end" },
      }),
    { code: "insecure_transport" },
  );
});

Deno.test("discovered metadata whose end_session_endpoint is http: under an https issuer, or not a URL, is refused", async () => {
  const issuer = "https://op-checked.example";
  const answer = (end_session_endpoint: unknown) => ({
    fetch: () => Promise.resolve(Response.json({ issuer, end_session_endpoint })),
  });
  clearDiscoveryCache();
  await assert.rejects(discoverMetadata(issuer, answer("http://127.0.0.1/end")), {
    code: "insecure_transport",
    message: /end_session_endpoint must use https:/,
  });
  clearDiscoveryCache();
  await assert.rejects(discoverMetadata(issuer, answer("/end")), {
    code: "invalid_response",
    message: /expected end_session_endpoint to be an absolute URL/,
  });
  clearDiscoveryCache();
});
