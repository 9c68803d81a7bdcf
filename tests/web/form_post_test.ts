/**
 * Logins answered with `response_mode=form_post` (OAuth 2.0 Form Post Response Mode; Sign in
 * with Apple): the login cookie is `SameSite=None`, since a cross-site form POST carries no
 * `SameSite=Lax` cookie, and `authorizeAccessToken` reads the POSTed callback.
 */
import assert from "node:assert/strict";
import { OAuthRegistry, setCookie } from "../../web/mod.ts";

const SECRET = "the form post test's cookie secret";

function setup(authorizationParams?: Record<string, string>) {
  const forms: URLSearchParams[] = [];
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetch: async (request) => {
      forms.push(new URLSearchParams(await request.text()));
      return Response.json({ access_token: "at", token_type: "Bearer" });
    },
  });
  const app = oauth.register("idp", {
    clientId: "app",
    authorizationEndpoint: "https://idp.example/authorize",
    tokenEndpoint: "https://idp.example/token",
    redirectUri: "https://app.example/cb",
    ...(authorizationParams ? { authorizationParams } : {}),
  });
  return { oauth, app, forms };
}

const posted = (body: string, cookie: string, type = "application/x-www-form-urlencoded") =>
  new Request("https://app.example/cb", {
    method: "POST",
    headers: { "content-type": type, cookie },
    body,
  });

Deno.test("a form_post login's cookie is SameSite=None, a query login's SameSite=Lax", async () => {
  const plain = setup();
  const lax = await plain.app.authorizeRedirect(new Request("https://app.example/login"));
  assert.match(lax.headers.getSetCookie()[0], /; HttpOnly; Secure; SameSite=Lax$/);
  const asked = await plain.app.authorizeRedirect(
    new Request("https://app.example/login"),
    undefined,
    {
      response_mode: "form_post",
    },
  );
  assert.match(asked.headers.getSetCookie()[0], /; HttpOnly; Secure; SameSite=None$/);
  const configured = setup({ response_mode: "form_post" });
  const none = await configured.app.authorizeRedirect(new Request("https://app.example/login"));
  assert.match(
    none.headers.getSetCookie()[0],
    /^__Host-oauth-idp\.[\w-]+=[\w-]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=None$/,
  );
  assert.equal(
    new URL(none.headers.get("location")!).searchParams.get("response_mode"),
    "form_post",
  );
  const overridden = await configured.app.authorizeRedirect(
    new Request("https://app.example/login"),
    undefined,
    {
      response_mode: "query",
    },
  );
  assert.match(overridden.headers.getSetCookie()[0], /SameSite=Lax$/);
});

Deno.test("the POSTed callback is found by its form's state and redeemed", async () => {
  const { app, forms } = setup({ response_mode: "form_post" });
  const start = await app.authorizeRedirect(new Request("https://app.example/login"));
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const state = new URL(start.headers.get("location")!).searchParams.get("state");
  await assert.rejects(app.authorizeAccessToken(posted("code=c&state=other", cookie)), {
    code: "state_mismatch",
  });
  const login = await app.authorizeAccessToken(posted(`code=c1&state=${state}`, cookie));
  assert.equal(login.token.access_token, "at");
  assert.equal(login.user, undefined);
  assert.equal(forms[0].get("code"), "c1");
  assert.match(login.headers.get("set-cookie")!, /Max-Age=0/);
});

Deno.test("a callback POST that is not a form is a failed login (400), and ends no login", async () => {
  const { oauth, app } = setup({ response_mode: "form_post" });
  const start = await app.authorizeRedirect(new Request("https://app.example/login"));
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const request = posted('{"code":"c"}', cookie, "application/json");
  const error = await app.authorizeAccessToken(request).catch((error) => error);
  assert.equal(error.code, "invalid_callback");
  const response = await oauth.errorResponse(error, request);
  assert.equal(response.status, 400);
  assert.deepEqual(response.headers.getSetCookie(), []);
});

Deno.test("a malformed user in the form fails the login before the code is redeemed", async () => {
  const { app, forms } = setup({ response_mode: "form_post" });
  const start = await app.authorizeRedirect(new Request("https://app.example/login"));
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const state = new URL(start.headers.get("location")!).searchParams.get("state");
  await assert.rejects(
    app.authorizeAccessToken(posted(`code=c&state=${state}&user=not-json`, cookie)),
    { code: "invalid_callback" },
  );
  assert.equal(forms.length, 0);
});

Deno.test("setCookie writes SameSite=None on request, and nothing else", () => {
  assert.equal(
    setCookie("a", "b", 60, { sameSite: "None" }),
    "a=b; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=None",
  );
  assert.throws(() => setCookie("a", "b", 60, { sameSite: "Strict" as "Lax" }), TypeError);
});
