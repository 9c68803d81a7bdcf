/**
 * `RemoteApp.userinfo()`: the OpenID Connect userinfo endpoint of oidc-provider, discovered or
 * configured, asked with the session's token; the answer's `sub` must be the ID token's (OpenID
 * Connect Core §5.3.2), or the claims are not used.
 */
import assert from "node:assert/strict";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { OAuthRegistry, type RemoteApp, type Token } from "../../web/mod.ts";
import { type OidcTestProvider, startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { SECRET } from "./_setup.ts";

/** A registry whose session holds `session.token`, with oidc-provider discovered as `op`. */
function registry(op: OidcTestProvider) {
  const session: { token?: Token } = {};
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: () => Promise.resolve(session.token),
  });
  const app = oauth.register("op", {
    ...op.clients.basic,
    serverMetadataUrl: op.issuer,
    scope: "openid",
  });
  return { oauth, app, session };
}

/** Alice's login at oidc-provider through `app`, as a browser would make it. */
async function login(op: OidcTestProvider, app: RemoteApp<Token>): Promise<Token> {
  const start = await app.authorizeRedirect(
    new Request("https://app.example/login"),
    op.redirectUri,
  );
  const callback = await op.authorize(start.headers.get("location")!);
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const { token } = await app.authorizeAccessToken(new Request(callback, { headers: { cookie } }));
  return token;
}

/** An unsigned JWT about `sub`: what a session could hold if it had been mixed up. */
function idTokenAbout(sub: string): string {
  const part = (value: object) =>
    encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: "RS256" })}.${part({ sub })}.${part({})}`;
}

const request = new Request("https://app.example/me");

Deno.test("userinfo asks the discovered endpoint with the session's token, about the ID token's user", async () => {
  await using op = await startOidcProvider();
  const { app, session } = registry(op);
  session.token = await login(op, app);
  assert.ok(session.token.id_token);
  const claims = await app.userinfo({ request });
  assert.equal(claims.sub, "alice");
  assert.equal(op.requestCount("/me"), 1);
});

Deno.test("a userinfo answer about another user than the ID token's is userinfo_sub_mismatch", async () => {
  await using op = await startOidcProvider();
  const { app, session } = registry(op);
  const token = await login(op, app);
  session.token = { ...token, id_token: idTokenAbout("bob") };
  await assert.rejects(app.userinfo({ request }), { code: "userinfo_sub_mismatch" });
  session.token = token;
  await assert.rejects(app.userinfo({ request, sub: "bob" }), { code: "userinfo_sub_mismatch" });
  assert.equal((await app.userinfo({ request, sub: "alice" })).sub, "alice");
});

Deno.test("userinfo needs the ID token's sub: without one in the session or given, a TypeError and no request", async () => {
  await using op = await startOidcProvider();
  const { app, session } = registry(op);
  const { id_token: _, ...withoutIdToken } = await login(op, app);
  session.token = withoutIdToken;
  await assert.rejects(
    app.userinfo({ request }),
    (error) => error instanceof TypeError && /sub/.test(error.message),
  );
  assert.equal(op.requestCount("/me"), 0);
  assert.equal((await app.userinfo({ request, sub: "alice" })).sub, "alice");
});

Deno.test("userinfo uses a configured userinfoEndpoint when nothing is discovered", async () => {
  await using op = await startOidcProvider();
  const { app, session } = registry(op);
  session.token = await login(op, app);
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: () => Promise.resolve(session.token),
  });
  const configured = oauth.register("configured", {
    ...op.clients.basic,
    tokenEndpoint: op.tokenEndpoint,
    userinfoEndpoint: op.userinfoEndpoint,
  });
  assert.equal((await configured.userinfo({ request })).sub, "alice");
  const bare = oauth.register("bare", { ...op.clients.basic, tokenEndpoint: op.tokenEndpoint });
  await assert.rejects(bare.userinfo({ request }), TypeError);
});

Deno.test("userinfo of an OAuth 1.0a provider, or without a session, fails before any request", async () => {
  let sent = 0;
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: () => Promise.resolve(undefined),
    fetch: () => (sent++, Promise.resolve(new Response())),
  });
  const legacy = oauth.register("legacy", {
    clientId: "app",
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  });
  await assert.rejects(
    legacy.userinfo({ request }),
    (error) => error instanceof TypeError && /OpenID Connect/.test(error.message),
  );
  const modern = oauth.register("modern", {
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    userinfoEndpoint: "https://as.example/userinfo",
  });
  await assert.rejects(modern.userinfo({ request }), { code: "missing_token" });
  assert.equal(sent, 0);
});
