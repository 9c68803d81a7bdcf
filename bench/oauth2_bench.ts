/**
 * `npm run bench`: the OAuth 2.0 hot paths against their floors, side by side.
 *
 * - bearer `sign()`: `OAuth2Client.sign(request)` (URL check, expiry check, a new `Request`
 *   with the header) against the floor of building that `Request` by hand.
 * - PKCE pair: `generateCodeVerifier()` + `codeChallenge(S256)` against the floor of 32 random
 *   bytes, `crypto.subtle.digest` and base64url by hand.
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { OAuth2Client } from "../mod.ts";
import { codeChallenge, generateCodeVerifier } from "../oauth2/authorization.ts";

const URL_STRING = "https://api.example.com/v1/users/me?fields=id,name";
const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const request = new Request(URL_STRING);
const client = new OAuth2Client({
  clientId: "app",
  token: { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_at: 4_000_000_000 },
});

Deno.bench({
  name: "floor: new Request with one header",
  group: "bearer sign",
  baseline: true,
  fn: () => {
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${ACCESS_TOKEN}`);
    new Request(request, { headers });
  },
});
Deno.bench({
  name: "@x/oauth OAuth2Client.sign()",
  group: "bearer sign",
  fn: async () => {
    await client.sign(request);
  },
});

const utf8 = new TextEncoder();
Deno.bench({
  name: "floor: random bytes + subtle.digest + base64url",
  group: "PKCE pair",
  baseline: true,
  fn: async () => {
    const verifier = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
    encodeBase64urlNoPadding(
      new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(verifier))),
    );
  },
});
Deno.bench({
  name: "@x/oauth generateCodeVerifier + codeChallenge",
  group: "PKCE pair",
  fn: async () => {
    await codeChallenge(generateCodeVerifier(), "S256");
  },
});
