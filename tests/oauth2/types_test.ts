/**
 * The argument of `fetchToken`, as types: each grant has its own shape (RFC 6749 §4.1.3, §4.3.2,
 * §4.4.2, §6; RFC 7523 §2.1; RFC 7522 §2.1; RFC 8693 §2.1; RFC 8628 §3.4), an extension grant
 * is named by an absolute URI (RFC 6749 §4.5), and a mistake is a compile error. Each
 * `@ts-expect-error` below fails `deno check` (and `deno test`) when its line compiles; each
 * mistake is then run, to show what the runtime makes of it without the compiler.
 */
import assert from "node:assert/strict";
import {
  DEVICE_CODE_GRANT,
  JWT_BEARER,
  OAuth2Client,
  TOKEN_EXCHANGE,
  TOKEN_TYPES,
} from "../../oauth2/mod.ts";

const VERIFIER = "v".repeat(43);
const KNOWN_GRANTS = [
  "client_credentials",
  "password",
  "refresh_token",
  "authorization_code",
  JWT_BEARER,
  TOKEN_EXCHANGE,
  DEVICE_CODE_GRANT,
  "urn:ietf:params:oauth:grant-type:saml2-bearer",
  "urn:example:params:grant-type:custom",
  "http://auth0.com/oauth/grant-type/password-realm",
];

/** A client whose server answers a token to the grants it knows, recording each form. */
function setup() {
  const forms: [string, string][][] = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "secret",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/cb",
    fetch: async (request) => {
      const form = [...new URLSearchParams(await request.text())];
      forms.push(form);
      const grant = form.find(([name]) => name === "grant_type")?.[1] ?? "";
      return KNOWN_GRANTS.includes(grant)
        ? Response.json({ access_token: "at", token_type: "Bearer", issued_token_type: "x" })
        : Response.json({ error: "unsupported_grant_type" }, { status: 400 });
    },
  });
  return { client, forms };
}

Deno.test("every grant compiles with its own parameters, and sends them", async () => {
  const { client, forms } = setup();
  const signal = new AbortController().signal;
  const callback = "https://app.example/cb?code=c1&state=s1";
  await client.fetchToken({ authorizationResponse: callback, state: "s1", codeVerifier: VERIFIER });
  await client.fetchToken({ code: "c2", codeVerifier: VERIFIER, signal });
  await client.fetchToken({ grantType: "client_credentials", scope: ["a", "b"], signal });
  await client.fetchToken({
    grantType: "client_credentials",
    resource: "https://api.example/",
    extraParams: { audience: "https://api.example/" },
  });
  await client.fetchToken({ grantType: "password", username: "u", password: "p" });
  await client.fetchToken({ grantType: "refresh_token", refresh_token: "rt" });
  await client.fetchToken({ grantType: JWT_BEARER, assertion: "e.y.j" });
  await client.fetchToken({
    grantType: "urn:ietf:params:oauth:grant-type:saml2-bearer",
    assertion: "PHNhbWw-",
  });
  await client.fetchToken({
    grantType: TOKEN_EXCHANGE,
    subject_token: "t",
    subject_token_type: TOKEN_TYPES.accessToken,
    audience: ["x", "y"],
  });
  await client.fetchToken({ grantType: DEVICE_CODE_GRANT, device_code: "dc" });
  await client.fetchToken({ grantType: "urn:example:params:grant-type:custom", anything: "1" });
  await client.fetchToken({
    grantType: "http://auth0.com/oauth/grant-type/password-realm",
    username: "u",
    password: "p",
    realm: "db",
  });
  const grants = forms.map((form) => form.find(([name]) => name === "grant_type")?.[1]);
  assert.deepEqual(grants, [
    "authorization_code",
    "authorization_code",
    "client_credentials",
    "client_credentials",
    "password",
    "refresh_token",
    JWT_BEARER,
    "urn:ietf:params:oauth:grant-type:saml2-bearer",
    TOKEN_EXCHANGE,
    DEVICE_CODE_GRANT,
    "urn:example:params:grant-type:custom",
    "http://auth0.com/oauth/grant-type/password-realm",
  ]);
  assert.deepEqual(forms[3], [
    ["grant_type", "client_credentials"],
    ["resource", "https://api.example/"],
    ["audience", "https://api.example/"],
  ]);
  assert.deepEqual(forms[8].filter(([name]) => name === "audience"), [
    ["audience", "x"],
    ["audience", "y"],
  ]);
});

Deno.test("a misspelt grant type does not compile, nor a bare word for an extension grant", async () => {
  const { client } = setup();
  const refused = { name: "OAuthResponseError", code: "unsupported_grant_type" };
  // @ts-expect-error: "pasword" is no grant type (the compiler suggests "password")
  const misspelt = client.fetchToken({ grantType: "pasword", username: "u", password: "p" });
  await assert.rejects(misspelt, refused);
  // @ts-expect-error: an extension grant is named by an absolute URI (RFC 6749 §4.5)
  const bare = client.fetchToken({ grantType: "custom_grant", anything: "1" });
  await assert.rejects(bare, refused);
  // @ts-expect-error: the code grant is asked for with { code } or { authorizationResponse }
  const named = client.fetchToken({ grantType: "authorization_code", code: "c" });
  await assert.rejects(named, TypeError);
});

Deno.test("a misspelt or missing parameter of a known grant does not compile", async () => {
  const { client, forms } = setup();
  // @ts-expect-error: usernme is no parameter of the password grant (the compiler suggests username)
  const password = client.fetchToken({ grantType: "password", usernme: "u", password: "p" });
  await assert.rejects(password, { name: "TypeError", message: /password grant needs username/ });
  // @ts-expect-error: assertoin is no parameter of the JWT bearer grant
  const bearer = client.fetchToken({ grantType: JWT_BEARER, assertoin: "e.y.j" });
  await assert.rejects(bearer, { name: "TypeError", message: /needs assertion/ });
  // @ts-expect-error: a token exchange needs subject_token_type (RFC 8693 §2.1)
  const exchange = client.fetchToken({ grantType: TOKEN_EXCHANGE, subject_token: "t" });
  await assert.rejects(exchange, { name: "TypeError", message: /needs subject_token_type/ });
  // @ts-expect-error: scpoe is no member of the client credentials grant
  await client.fetchToken({ grantType: "client_credentials", scpoe: "read" });
  assert.deepEqual(forms.at(-1), [["grant_type", "client_credentials"], ["scpoe", "read"]]);
  // @ts-expect-error: code_verifier is spelt codeVerifier here
  const code = client.fetchToken({ code: "c", code_verifier: VERIFIER });
  await assert.rejects(code, { name: "TypeError", message: /does not know code_verifier/ });
});

Deno.test("a callback without its state, or two grants at once, does not compile", async () => {
  const { client, forms } = setup();
  const callback = "https://app.example/cb?code=c&state=s";
  // @ts-expect-error: the state authorizationUrl() returned is missing
  const stateless = client.fetchToken({ authorizationResponse: callback, codeVerifier: VERIFIER });
  await assert.rejects(stateless, { name: "TypeError", message: /needs the state/ });
  // @ts-expect-error: one grant at a time
  const two = client.fetchToken({ code: "c", grantType: "client_credentials" });
  await assert.rejects(two, { name: "TypeError", message: /ask for one grant/ });
  // @ts-expect-error: a state goes with the callback URL, not with a bare code
  const codeWithState = client.fetchToken({ code: "c", state: "s", codeVerifier: VERIFIER });
  await assert.rejects(codeWithState, { name: "TypeError", message: /does not know state/ });
  assert.equal(forms.length, 0, "nothing was sent");
});
