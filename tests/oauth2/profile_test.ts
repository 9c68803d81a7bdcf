/**
 * `OAuth2Client.profile()` and `profileFromClaims`: a preset's reader with `getJson` (the
 * client's token, refreshed; errors typed), and without a reader the standard claims of
 * OpenID Connect Core 1.0 §5.1, from userinfo or else the ID token.
 */
import assert from "node:assert/strict";
import {
  type IdTokenClaims,
  OAuth2Client,
  type OAuth2ClientOptions,
  profileFromClaims,
  type ProfileReader,
} from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

const NOW = 1_700_000_000_000;

function client(
  options: Partial<OAuth2ClientOptions>,
  api: (request: Request) => Response | Promise<Response>,
) {
  const seen: Request[] = [];
  const instance = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token: { access_token: "at1", token_type: "Bearer" },
    now: () => NOW,
    fetch: (request) => {
      seen.push(request);
      return Promise.resolve(api(request));
    },
    ...options,
  });
  return { client: instance, seen };
}

const reader: ProfileReader = async ({ getJson }) => {
  const user = await getJson("https://api.example/user");
  return { id: String(user.id), name: user.display as string, raw: user };
};

Deno.test("a reader's getJson sends the client's token and answers the JSON object", async () => {
  const { client: c, seen } = client(
    { profile: reader },
    () => Response.json({ id: 7, display: "Ada" }),
  );
  const profile = await c.profile();
  assert.deepEqual(profile, { id: "7", name: "Ada", raw: { id: 7, display: "Ada" } });
  assert.equal(seen[0].headers.get("authorization"), "Bearer at1");
  assert.equal(seen[0].headers.get("accept"), "application/json");
});

Deno.test("getJson refreshes an expired token first", async () => {
  const { client: c, seen } = client(
    {
      profile: reader,
      token: { access_token: "old", token_type: "Bearer", refresh_token: "rt", expires_at: 1 },
    },
    (request) =>
      request.url === "https://as.example/token"
        ? Response.json({ access_token: "fresh", token_type: "Bearer", expires_in: 3600 })
        : Response.json({ id: 1 }),
  );
  await c.profile();
  assert.equal(seen.length, 2);
  assert.equal(seen[1].headers.get("authorization"), "Bearer fresh");
});

Deno.test("a non-2xx answer to getJson is an OAuthError with its status", async () => {
  const plain = client({ profile: reader }, () => new Response("nope", { status: 403 }));
  const refused = await plain.client.profile().catch((error) => error);
  assert.ok(refused instanceof OAuthError);
  assert.equal(refused.code, "invalid_response");
  assert.equal(refused.status, 403);

  const reported = client(
    { profile: reader },
    () => Response.json({ error: "insufficient_scope" }, { status: 403 }),
  );
  const error = await reported.client.profile().catch((error) => error);
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.error, "insufficient_scope");
  assert.equal(error.status, 403);
});

Deno.test("a getJson answer that is not a JSON object is invalid_response", async () => {
  for (const body of ["[1, 2]", "not json", "null"]) {
    const { client: c } = client({ profile: reader }, () => new Response(body));
    await assert.rejects(c.profile(), { name: "OAuthError", code: "invalid_response" });
  }
});

Deno.test("a getJson answer over 1 MiB is response_too_large", async () => {
  const { client: c } = client(
    { profile: reader },
    () => new Response(`{"id":"${"x".repeat(1024 * 1024)}"}`),
  );
  await assert.rejects(c.profile(), { code: "response_too_large" });
});

Deno.test("a reader that names no id is invalid_response", async () => {
  const { client: c } = client(
    { profile: () => Promise.resolve({ id: "", raw: {} }) },
    () => Response.json({}),
  );
  await assert.rejects(c.profile(), { code: "invalid_response" });
});

Deno.test("without a reader, the userinfo endpoint's standard claims make the profile", async () => {
  const { client: c, seen } = client(
    { userinfoEndpoint: "https://as.example/userinfo" },
    () =>
      Response.json({
        sub: "u1",
        email: "u1@example.com",
        email_verified: false,
        name: "U One",
        picture: "https://img.example/u1",
        locale: "en",
      }),
  );
  assert.deepEqual(await c.profile(), {
    id: "u1",
    email: "u1@example.com",
    emailVerified: false,
    name: "U One",
    picture: "https://img.example/u1",
    raw: {
      sub: "u1",
      email: "u1@example.com",
      email_verified: false,
      name: "U One",
      picture: "https://img.example/u1",
      locale: "en",
    },
  });
  assert.equal(seen[0].url, "https://as.example/userinfo");
});

Deno.test("without a reader or userinfo endpoint, the ID token claims passed on make the profile", async () => {
  const claims: IdTokenClaims = {
    iss: "https://as.example",
    sub: "u2",
    aud: "app",
    exp: NOW / 1000 + 60,
    iat: NOW / 1000,
    email: "u2@example.com",
  };
  const { client: c, seen } = client({}, () => Response.json({}));
  const profile = await c.profile({ idTokenClaims: claims });
  assert.equal(profile.id, "u2");
  assert.equal(profile.email, "u2@example.com");
  assert.equal(seen.length, 0);
});

Deno.test("without a reader, userinfo endpoint or ID token, profile is a TypeError", async () => {
  const { client: c } = client({}, () => Response.json({}));
  await assert.rejects(c.profile(), TypeError);
});

Deno.test("userinfo must name the sub of the ID token claims passed on", async () => {
  const { client: c } = client(
    { userinfoEndpoint: "https://as.example/userinfo" },
    () => Response.json({ sub: "mallory" }),
  );
  const claims = { iss: "https://as.example", sub: "alice", aud: "app", exp: 0, iat: 0 };
  await assert.rejects(c.profile({ idTokenClaims: claims }), { code: "userinfo_sub_mismatch" });
});

Deno.test("the profile option must be a function", () => {
  assert.throws(
    () => new OAuth2Client({ clientId: "app", profile: "github" as unknown as ProfileReader }),
    TypeError,
  );
});

Deno.test("profileFromClaims keeps well-typed standard claims and reads Apple's string email_verified", () => {
  assert.deepEqual(
    profileFromClaims({ sub: "a", email_verified: "true", name: 3, picture: "" }),
    {
      id: "a",
      emailVerified: true,
      raw: { sub: "a", email_verified: "true", name: 3, picture: "" },
    },
  );
  assert.equal(profileFromClaims({ sub: "a", email_verified: "false" }).emailVerified, false);
  assert.equal(profileFromClaims({ sub: "a", email_verified: "yes" }).emailVerified, undefined);
  assert.throws(() => profileFromClaims({ email: "x@example.com" }), { code: "invalid_response" });
});
