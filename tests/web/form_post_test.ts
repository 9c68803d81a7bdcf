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

const posted = (
  body: string,
  cookie: string,
  type = "application/x-www-form-urlencoded",
  url = "https://app.example/cb",
) =>
  new Request(url, {
    method: "POST",
    headers: { "content-type": type, cookie },
    body,
  });

/** A login's start: its cookie (`name=value`) and state. */
async function start(app: ReturnType<typeof setup>["app"]) {
  const response = await app.authorizeRedirect(new Request("https://app.example/login"));
  const cookie = response.headers.getSetCookie()[0].split(";")[0];
  const state = new URL(response.headers.get("location")!).searchParams.get("state")!;
  return { cookie, state };
}

const USER = encodeURIComponent('{"email":"ceo@victim.example"}');

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

Deno.test("user is not read from the query of a callback that is not a form_post login's POST", async () => {
  // Sign in with Apple sends `user` in its form_post body only ("Incorporating Sign in with
  // Apple into other platforms", "Handle the response"): anywhere else it is someone's input.
  const plain = setup();
  for (const user of [USER, "not-json"]) {
    const { cookie, state } = await start(plain.app);
    const login = await plain.app.authorizeAccessToken(
      new Request(`https://app.example/cb?code=c&state=${state}&user=${user}`, {
        headers: { cookie },
      }),
    );
    assert.equal(login.token.access_token, "at");
    assert.equal(login.user, undefined, user);
  }
  // Nor from the body of a login that did not ask for form_post.
  const { cookie, state } = await start(plain.app);
  const login = await plain.app.authorizeAccessToken(
    posted(`code=c&state=${state}&user=${USER}`, cookie),
  );
  assert.equal(login.user, undefined);
  // A form_post login answered with a GET: its query is not the POSTed form.
  const form = setup({ response_mode: "form_post" });
  const asked = await start(form.app);
  const got = await form.app.authorizeAccessToken(
    new Request(`https://app.example/cb?code=c&state=${asked.state}&user=${USER}`, {
      headers: { cookie: asked.cookie },
    }),
  );
  assert.equal(got.user, undefined);
  assert.equal(plain.forms.length + form.forms.length, 4);
});

Deno.test("a form_post login reads user from its POSTed body, never from the POST's URL", async () => {
  const { app, forms } = setup({ response_mode: "form_post" });
  const first = await start(app);
  const login = await app.authorizeAccessToken(
    posted(`code=c&state=${first.state}&user=${USER}`, first.cookie),
  );
  assert.deepEqual(login.user, { email: "ceo@victim.example" });
  const second = await start(app);
  for (
    const url of [
      `https://app.example/cb?user=${USER}`,
      `https://app.example/cb?code=fromQuery&state=${second.state}`,
    ]
  ) {
    await assert.rejects(
      app.authorizeAccessToken(
        posted(`code=c&state=${second.state}`, second.cookie, undefined, url),
      ),
      { code: "invalid_callback" },
      url,
    );
  }
  assert.equal(forms.length, 1);
});
