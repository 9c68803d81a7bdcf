/**
 * DPoP (RFC 9449; checklist D1, D2, D4, T3): proofs checked by `jose` (an independent JOSE
 * implementation, with the key embedded in the proof), nonce retries at the token endpoint and
 * at resource servers, no Bearer downgrade, and proofs per redirect hop.
 */
import assert from "node:assert/strict";
import { EmbeddedJWK, jwtVerify } from "jose";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { MemoryTokenStore } from "../../oauth2/token_store.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { encodeBase64urlNoPadding } from "../../_encoding.ts";

const NOW = 1_700_000_000_000;
const KEY = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
  "sign",
  "verify",
]) as CryptoKeyPair;

async function proofClaims(proof: string | null) {
  assert.ok(proof, "a DPoP header");
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
    typ: "dpop+jwt",
    currentDate: new Date(NOW),
  });
  return { payload, header: protectedHeader };
}

async function sha256(value: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/** A DPoP client whose fetch answers with `respond`, recording every request. */
function client(
  respond: (request: Request, index: number) => Response,
  extra: Partial<OAuth2ClientOptions> = {},
) {
  const sent: Request[] = [];
  const oauth = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    dpop: KEY,
    now: () => NOW,
    fetch: (request) => {
      sent.push(request.clone());
      return Promise.resolve(respond(request, sent.length - 1));
    },
    ...extra,
  });
  return { oauth, sent };
}

const DPOP_TOKEN = { access_token: "at-1", token_type: "DPoP", refresh_token: "rt" };

Deno.test("a proof verifies with jose against its embedded public key and has every RFC 9449 §4.2 claim (D1)", async () => {
  const { oauth, sent } = client(() => Response.json({}), { token: DPOP_TOKEN });
  await oauth.fetch("https://rs.example/a?b=1#c", { method: "POST", body: "x" });
  const { payload, header } = await proofClaims(sent[0].headers.get("dpop"));
  assert.equal(header.alg, "ES256");
  assert.deepEqual(
    Object.keys(header.jwk!).sort(),
    ["crv", "kty", "x", "y"],
    "public members only",
  );
  assert.equal(payload.htm, "POST");
  assert.equal(payload.htu, "https://rs.example/a");
  assert.equal(payload.iat, NOW / 1000);
  assert.equal(payload.ath, await sha256("at-1"));
  assert.match(payload.jti as string, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(sent[0].headers.get("authorization"), "DPoP at-1", "never Bearer (D4)");
  await oauth.fetch("https://rs.example/a");
  const second = await proofClaims(sent[1].headers.get("dpop"));
  assert.notEqual(second.payload.jti, payload.jti);
});

Deno.test("the token endpoint's use_dpop_nonce gets exactly one retry with the nonce (D2)", async () => {
  const nonce = (value: string) => ({ headers: { "dpop-nonce": value } });
  const { oauth, sent } = client((_, index) =>
    index === 0
      ? Response.json({ error: "use_dpop_nonce" }, { status: 400, ...nonce("n1") })
      : Response.json(DPOP_TOKEN, nonce("n2"))
  );
  const token = await oauth.fetchToken({ grantType: "client_credentials" });
  assert.equal(token.token_type, "DPoP");
  assert.equal(sent.length, 2);
  assert.equal((await proofClaims(sent[0].headers.get("dpop"))).payload.nonce, undefined);
  assert.equal((await proofClaims(sent[1].headers.get("dpop"))).payload.nonce, "n1");
  assert.equal(
    await sent[1].text(),
    "grant_type=client_credentials&client_id=app",
    "the same body",
  );
  await oauth.refreshToken();
  assert.equal(
    (await proofClaims(sent[2].headers.get("dpop"))).payload.nonce,
    "n2",
    "the latest nonce",
  );

  const stubborn = client(() =>
    Response.json({ error: "use_dpop_nonce" }, { status: 400, ...nonce("n") })
  );
  await assert.rejects(
    stubborn.oauth.fetchToken({ grantType: "client_credentials" }),
    (error) => error instanceof OAuthResponseError && error.code === "use_dpop_nonce",
  );
  assert.equal(stubborn.sent.length, 2, "never a loop");
});

Deno.test("a resource server's DPoP use_dpop_nonce challenge gets one retry; its nonce stays with its origin", async () => {
  const challenge = {
    status: 401,
    headers: { "www-authenticate": 'DPoP error="use_dpop_nonce"', "dpop-nonce": "rs-1" },
  };
  const { oauth, sent } = client(
    (request, index) =>
      new URL(request.url).origin === "https://rs.example" && index === 0
        ? new Response(null, challenge)
        : Response.json({ ok: true }),
    { token: DPOP_TOKEN },
  );
  const response = await oauth.fetch("https://rs.example/data", { method: "POST", body: "x" });
  assert.equal(response.status, 200);
  assert.equal(sent.length, 2);
  assert.equal((await proofClaims(sent[1].headers.get("dpop"))).payload.nonce, "rs-1");
  assert.equal(await sent[1].text(), "x", "a POST goes again: the server did not act on it");
  await oauth.fetch("https://other.example/data");
  assert.equal((await proofClaims(sent[2].headers.get("dpop"))).payload.nonce, undefined);

  const always = client(() => new Response(null, challenge), { token: DPOP_TOKEN });
  assert.equal((await always.oauth.fetch("https://rs.example/data")).status, 401);
  assert.equal(always.sent.length, 2);
});

Deno.test("a DPoP client refuses a Bearer token (dpop_downgrade); a client without a key cannot use a DPoP token", async () => {
  const { oauth } = client(() => Response.json({ access_token: "at", token_type: "Bearer" }));
  await assert.rejects(
    oauth.fetchToken({ grantType: "client_credentials" }),
    (error) => error instanceof OAuthError && error.code === "dpop_downgrade",
  );
  assert.equal(oauth.authorized, false);
  const plain = new OAuth2Client({ clientId: "app", token: DPOP_TOKEN });
  await assert.rejects(plain.sign(new Request("https://rs.example/")), {
    code: "unsupported_token_type",
  });
});

Deno.test("a DPoP client refuses a Bearer token from a shared store and sends nothing", async () => {
  const store = new MemoryTokenStore({ access_token: "plain", token_type: "Bearer" });
  const { oauth, sent } = client(() => Response.json({}), { store });
  await assert.rejects(
    oauth.fetch("https://rs.example/data"),
    (error) => error instanceof OAuthError && error.code === "dpop_downgrade",
  );
  await assert.rejects(oauth.sign(new Request("https://rs.example/")), { code: "dpop_downgrade" });
  assert.equal(sent.length, 0, "the Bearer token never left");
});

Deno.test("each redirect hop gets its own proof; another origin gets neither token nor proof (T3)", async () => {
  const { oauth, sent } = client((request) => {
    const path = new URL(request.url).pathname;
    if (path === "/start") {
      return new Response(null, { status: 302, headers: { location: "/moved" } });
    }
    if (path === "/moved") {
      return new Response(null, {
        status: 302,
        headers: { location: "https://elsewhere.example/x" },
      });
    }
    return Response.json({ ok: true });
  }, { token: DPOP_TOKEN });
  await oauth.fetch("https://rs.example/start");
  assert.deepEqual(sent.map((request) => request.url), [
    "https://rs.example/start",
    "https://rs.example/moved",
    "https://elsewhere.example/x",
  ]);
  const hop = await proofClaims(sent[1].headers.get("dpop"));
  assert.equal(hop.payload.htu, "https://rs.example/moved");
  assert.equal(sent[2].headers.get("dpop"), null);
  assert.equal(sent[2].headers.get("authorization"), null);
});

Deno.test("dpop must be a key pair, and DPoP tokens only go in the Authorization header", () => {
  assert.throws(() => new OAuth2Client({ clientId: "app", dpop: {} as CryptoKeyPair }), TypeError);
  assert.throws(
    () => new OAuth2Client({ clientId: "app", dpop: KEY, tokenPlacement: "query" }),
    { name: "TypeError", message: /Authorization header/ },
  );
});
