/**
 * `npm run bench`: HMAC-SHA1 signing of a GET with three query parameters, side by side.
 *
 * - floor: `crypto.subtle.sign` with a cached key over a precomputed base string — the least
 *   any WebCrypto signer must pay, without building a base string or a request.
 * - `@x/oauth`: `OAuth1Client.sign(request)`, the whole job: parameters, base string,
 *   signature, header, new `Request`.
 * - `oauth-1.0a` (npm) with `node:crypto` `createHmac`: base string, signature, header object
 *   (it builds no request).
 *
 * Once one at a time, once with 100 requests in flight.
 *
 * @module
 */
import OAuth from "oauth-1.0a";
import { createHmac } from "node:crypto";
import { OAuth1Client } from "../mod.ts";
import { signatureBaseString } from "../oauth1/base_string.ts";
import { signingKey } from "../oauth1/signature_methods.ts";

const URL_STRING =
  "https://api.example.com/1.1/statuses/home_timeline.json?count=20&include_entities=true&since_id=12345";
const CONSUMER = {
  key: "xvz1evFS4wEEPTGEFPHBog",
  secret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
};
const TOKEN = {
  key: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  secret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};

const client = new OAuth1Client({
  clientKey: CONSUMER.key,
  clientSecret: CONSUMER.secret,
  token: TOKEN.key,
  tokenSecret: TOKEN.secret,
});
const request = new Request(URL_STRING);

const floorKey = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(signingKey(CONSUMER.secret, TOKEN.secret)),
  { name: "HMAC", hash: "SHA-1" },
  false,
  ["sign"],
);
const floorBaseString = new TextEncoder().encode(
  signatureBaseString("GET", new URL(URL_STRING), [
    ...new URL(URL_STRING).searchParams,
    ["oauth_consumer_key", CONSUMER.key],
    ["oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", "1318622958"],
    ["oauth_token", TOKEN.key],
    ["oauth_version", "1.0"],
  ]),
);
const floor = async () => {
  await crypto.subtle.sign("HMAC", floorKey, floorBaseString);
};

const npmOAuth = new OAuth({
  consumer: CONSUMER,
  signature_method: "HMAC-SHA1",
  hash_function: (base: string, key: string) =>
    createHmac("sha1", key).update(base).digest("base64"),
});
const npmSign = (): void => {
  npmOAuth.toHeader(npmOAuth.authorize({ url: URL_STRING, method: "GET" }, TOKEN));
};
const ourSign = async () => {
  await client.sign(request);
};

const IN_FLIGHT = 100;
const times = <T>(fn: () => T) => Array.from({ length: IN_FLIGHT }, fn);

Deno.bench({
  name: "floor: crypto.subtle.sign, cached key",
  group: "one at a time",
  baseline: true,
  fn: floor,
});
Deno.bench({ name: "@x/oauth sign()", group: "one at a time", fn: ourSign });
Deno.bench({ name: "oauth-1.0a + node:crypto", group: "one at a time", fn: npmSign });

Deno.bench({
  name: "floor: crypto.subtle.sign, cached key",
  group: `${IN_FLIGHT} in flight`,
  fn: async () => {
    await Promise.all(times(floor));
  },
});
Deno.bench({
  name: "@x/oauth sign()",
  group: `${IN_FLIGHT} in flight`,
  baseline: true,
  fn: async () => {
    await Promise.all(times(ourSign));
  },
});
Deno.bench({
  name: "oauth-1.0a + node:crypto",
  group: `${IN_FLIGHT} in flight`,
  fn: async () => {
    await Promise.all(times(() => Promise.resolve(npmSign())));
  },
});
