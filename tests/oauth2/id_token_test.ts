/**
 * ID token validation (OpenID Connect Core §3.1.3.7, §3.1.3.8, §12.2): tokens signed by `jose`
 * (an independent JOSE implementation) with RS256, PS256, ES256 and EdDSA, served with their
 * JWK Set to a real OAuth2Client, one failing check at a time. oidc-provider's own ID tokens
 * are in oidc_provider_id_token_test.ts.
 */
import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";
import { encodeBase64urlNoPadding } from "../../_encoding.ts";

const ISSUER = "https://as.example";
const NOW = 1_700_000_000_000;
const SECONDS = NOW / 1000;

async function signingKey(alg: string, kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}
const KEYS = await Promise.all([
  signingKey("RS256", "rsa-1"),
  signingKey("PS256", "pss-1"),
  signingKey("ES256", "ec-1"),
  signingKey("EdDSA", "ed-1"),
]);
const [RSA, , EC] = KEYS;

const CLAIMS = {
  iss: ISSUER,
  sub: "alice",
  aud: "app",
  iat: SECONDS - 10,
  exp: SECONDS + 300,
  nonce: "n-1",
};

async function idToken(
  claims: JWTPayload = CLAIMS,
  key = RSA,
  header: Record<string, unknown> = {},
): Promise<string> {
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

async function halfHash(value: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value)),
  );
  return encodeBase64urlNoPadding(digest.subarray(0, 16));
}

const ALL_KEYS = () => ({ keys: KEYS.map((k) => k.jwk) });

/**
 * A client of the issuer ISSUER whose server answers each path with `answer(path)` as JSON
 * (`/token`, `/jwks`, `/me`), recording the paths asked for.
 */
function issuerClient(
  answer: (path: string) => unknown,
  options: Partial<OAuth2ClientOptions> = {},
) {
  const asked: string[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    issuer: ISSUER,
    tokenEndpoint: `${ISSUER}/token`,
    userinfoEndpoint: `${ISSUER}/me`,
    jwksUri: `${ISSUER}/jwks`,
    pkce: false,
    now: () => NOW,
    fetch: (request) => {
      const path = new URL(request.url).pathname;
      asked.push(path);
      return Promise.resolve(Response.json(answer(path)));
    },
    ...options,
  });
  return { client, asked };
}

/** A client whose server answers the token request with `id_token` and serves `jwks`. */
function clientWith(id_token: string | undefined, jwks: () => object = ALL_KEYS) {
  return issuerClient((path) =>
    path === "/jwks" ? jwks() : { access_token: "at", token_type: "Bearer", id_token }
  );
}

const exchange = (client: OAuth2Client, nonce: string | undefined = "n-1") =>
  client.fetchToken({ code: "c", nonce });

Deno.test("ID tokens signed by jose with RS256, PS256, ES256 and EdDSA validate, and their claims are kept", async () => {
  for (const key of KEYS) {
    const { client } = clientWith(await idToken(CLAIMS, key));
    await exchange(client);
    assert.equal(client.idTokenClaims?.sub, "alice", key.alg);
  }
});

Deno.test("each failing check has its own code, and the token is not kept", async () => {
  const cases: [string, Promise<string>, string, string?][] = [
    ["another issuer", idToken({ ...CLAIMS, iss: "https://evil.example" }), "issuer_mismatch"],
    ["another audience", idToken({ ...CLAIMS, aud: "other" }), "audience_mismatch"],
    [
      "several audiences, no azp",
      idToken({ ...CLAIMS, aud: ["app", "other"] }),
      "audience_mismatch",
    ],
    ["azp of another party", idToken({ ...CLAIMS, azp: "other" }), "audience_mismatch"],
    ["another nonce", idToken({ ...CLAIMS, nonce: "n-2" }), "nonce_mismatch"],
    ["expired beyond the tolerance", idToken({ ...CLAIMS, exp: SECONDS - 61 }), "token_expired"],
    ["issued in the future", idToken({ ...CLAIMS, iat: SECONDS + 120 }), "invalid_id_token"],
    ["no sub", idToken({ ...CLAIMS, sub: undefined }), "invalid_id_token"],
    [
      "a wrong at_hash",
      idToken({ ...CLAIMS, at_hash: "AAAAAAAAAAAAAAAAAAAAAA" }),
      "invalid_id_token",
    ],
    [
      "a wrong c_hash",
      idToken({ ...CLAIMS, c_hash: "AAAAAAAAAAAAAAAAAAAAAA" }),
      "invalid_id_token",
    ],
    ["a kid the set lacks", idToken(CLAIMS, RSA, { kid: "gone" }), "invalid_signature"],
    ["an ES256 header over an RSA kid", idToken(CLAIMS, EC, { kid: "rsa-1" }), "invalid_signature"],
  ];
  for (const [name, token, code] of cases) {
    const { client } = clientWith(await token);
    await assert.rejects(
      exchange(client),
      (error) => error instanceof OAuthError && error.code === code,
      name,
    );
    assert.equal(client.authorized, false, name);
    assert.equal(client.idTokenClaims, undefined, name);
  }
});

Deno.test("an ID token from another issuer shows both issuers, the received one cut short", async () => {
  const cases: [unknown, RegExp][] = [
    [
      `${ISSUER}/`,
      /the ID token's iss is "https:\/\/as\.example\/", expected "https:\/\/as\.example" exactly/,
    ],
    [
      `https://evil.example/${"x".repeat(5000)}`,
      /iss is "https:\/\/evil\.example\/x+"… \(5021 characters\), expected "https:\/\/as\.example"/,
    ],
    [42, /the ID token's iss is a number, expected "https:\/\/as\.example"/],
  ];
  for (const [iss, message] of cases) {
    const { client } = clientWith(await idToken({ ...CLAIMS, iss } as JWTPayload));
    await assert.rejects(exchange(client), (error: OAuthError) => {
      assert.equal(error.code, "issuer_mismatch");
      assert.match(error.message, message);
      assert.ok(error.message.length < 300, error.message);
      return true;
    });
  }
});

Deno.test("an ID token not valid before a time beyond the clock tolerance is refused (RFC 7519 §4.1.5)", async () => {
  for (const nbf of [SECONDS + 61, SECONDS + 3600]) {
    const { client } = clientWith(await idToken({ ...CLAIMS, nbf }));
    await assert.rejects(exchange(client), { code: "invalid_id_token", message: /not valid yet/ });
    assert.equal(client.authorized, false);
    assert.equal(client.idTokenClaims, undefined);
  }
});

Deno.test("an ID token whose nbf is past, or ahead by no more than the clock tolerance, is accepted", async () => {
  for (const nbf of [SECONDS - 3600, SECONDS, SECONDS + 30, SECONDS + 60]) {
    const { client } = clientWith(await idToken({ ...CLAIMS, nbf }));
    await exchange(client);
    assert.equal(client.idTokenClaims?.nbf, nbf);
  }
  const ahead = await idToken({ ...CLAIMS, nbf: SECONDS + 200 });
  const { client } = issuerClient(
    (path) =>
      path === "/jwks" ? ALL_KEYS() : { access_token: "at", token_type: "Bearer", id_token: ahead },
    { clockTolerance: 300 },
  );
  await exchange(client);
  assert.equal(client.idTokenClaims?.nbf, SECONDS + 200, "a wider tolerance applies to nbf too");
});

Deno.test("an ID token whose nbf is not a number is refused", async () => {
  for (const nbf of [`${SECONDS - 10}`, null, [SECONDS - 10], {}]) {
    const claims = { ...CLAIMS, nbf } as unknown as JWTPayload;
    const { client } = clientWith(await idToken(claims));
    await assert.rejects(
      exchange(client),
      { code: "invalid_id_token", message: /non-numeric nbf/ },
      JSON.stringify(nbf),
    );
    assert.equal(client.idTokenClaims, undefined);
  }
});

Deno.test("a tampered payload, alg none and an HMAC over the public key never verify", async () => {
  const valid = await idToken();
  const [header, , signature] = valid.split(".");
  const forged = encodeBase64urlNoPadding(
    new TextEncoder().encode(JSON.stringify({ ...CLAIMS, sub: "mallory" })),
  );
  const none = encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify({ alg: "none" })));
  // Algorithm confusion: HS256 keyed with the RSA public key's bytes (CVE-2024-37568).
  const hmacKey = new TextEncoder().encode(JSON.stringify(RSA.jwk));
  const confused = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "HS256", kid: "rsa-1" })
    .sign(hmacKey);
  for (const token of [`${header}.${forged}.${signature}`, `${none}.${forged}.`, confused]) {
    await assert.rejects(exchange(clientWith(token).client), { code: "invalid_signature" });
  }
  for (const malformed of ["a.b", "!!.e30.e30", `${header}.bm90IGpzb24.${signature}`]) {
    await assert.rejects(exchange(clientWith(malformed).client), { code: "invalid_id_token" });
  }
});

Deno.test("at_hash and c_hash that match are accepted (§3.1.3.8)", async () => {
  const token = await idToken({
    ...CLAIMS,
    at_hash: await halfHash("at"),
    c_hash: await halfHash("c"),
  });
  const { client } = clientWith(token);
  await exchange(client);
  assert.equal(client.idTokenClaims?.at_hash, await halfHash("at"));
});

Deno.test("a nonce is required back when the ID token carries one, and an ID token when a nonce was sent", async () => {
  await assert.rejects(clientWith(await idToken()).client.fetchToken({ code: "c" }), {
    code: "nonce_mismatch",
    message: /pass the nonce/,
  });
  await assert.rejects(exchange(clientWith(undefined).client), { code: "invalid_response" });
  await assert.rejects(exchange(clientWith(await idToken()).client, "" as string), TypeError);
});

Deno.test("an unknown kid fetches the JWK Set again (rotation), at most once a minute", async () => {
  const rotated = await signingKey("ES256", "ec-2");
  const stranger = await signingKey("ES256", "ec-3");
  let clock = NOW;
  let current = await idToken();
  let published = [RSA.jwk];
  const { client, asked } = issuerClient(
    (path) =>
      path === "/jwks"
        ? { keys: published }
        : { access_token: "at", token_type: "Bearer", id_token: current },
    { clockTolerance: 600, now: () => clock },
  );
  const jwksFetches = () => asked.filter((path) => path === "/jwks").length;
  await exchange(client);
  assert.equal(jwksFetches(), 1);

  published = [RSA.jwk, rotated.jwk];
  current = await idToken(CLAIMS, rotated);
  clock += 61_000;
  await exchange(client);
  assert.equal(jwksFetches(), 2, "the new kid made the client fetch the set again");

  current = await idToken(CLAIMS, stranger);
  await assert.rejects(exchange(client), { code: "invalid_signature" });
  assert.equal(jwksFetches(), 2, "not again within a minute");
  clock += 61_000;
  await assert.rejects(exchange(client), { code: "invalid_signature" });
  assert.equal(jwksFetches(), 3);
});

Deno.test("a refreshed ID token for another subject is refused (§12.2)", async () => {
  let token = await idToken();
  const { client } = issuerClient((path) =>
    path === "/jwks"
      ? ALL_KEYS()
      : { access_token: "at", token_type: "Bearer", refresh_token: "rt", id_token: token }
  );
  await exchange(client);
  token = await idToken({ ...CLAIMS, sub: "mallory" });
  await assert.rejects(client.refreshToken(), {
    code: "invalid_id_token",
    message: /another subject/,
  });
  token = await idToken();
  await client.refreshToken();
  assert.equal(client.idTokenClaims?.sub, "alice");
});

Deno.test("userinfo about another user than the ID token's is userinfo_sub_mismatch (Core §5.3.4)", async () => {
  const token = await idToken();
  let userinfo: Record<string, unknown> = { sub: "mallory" };
  const { client } = issuerClient((path) =>
    path === "/jwks"
      ? ALL_KEYS()
      : path === "/me"
      ? userinfo
      : { access_token: "at", token_type: "Bearer", id_token: token }
  );
  await exchange(client);
  await assert.rejects(client.userinfo(), { code: "userinfo_sub_mismatch" });
  userinfo = { name: "no sub" };
  await assert.rejects(client.userinfo(), { code: "userinfo_sub_mismatch" });
  userinfo = { sub: "alice", name: "Alice" };
  assert.deepEqual(await client.userinfo(), userinfo);
});
