/**
 * `deno bench -A bench/oauth1_bench.ts`: OAuth 1.0a HMAC signing of a GET with three query
 * parameters and token credentials, side by side, for HMAC-SHA1 and HMAC-SHA256.
 *
 * - `@x/oauth client.sign()`: `OAuth1Client.sign(new Request(url))`, the whole job: nonce,
 *   timestamp, parameters, base string, signature, header, and the new `Request`.
 * - `oauth-1.0a`: npm `oauth-1.0a` with `node:crypto` `createHmac` as its `hash_function`,
 *   `authorize` + `toHeader`: nonce, timestamp, base string, signature and the header (it
 *   builds no request). Called through an async function, as a signer in an app would be.
 * - `floor: crypto.subtle HMAC`: `crypto.subtle.sign` with a key imported once, over a base
 *   string built once: the least any WebCrypto signer pays, building nothing.
 *
 * Each method runs with 100 requests in flight (`Promise.all`) and one at a time. `@x/oauth`
 * is each group's baseline, so the summary reads "N x faster/slower than" the others. Before
 * timing anything, both libraries must give the same signature for the same nonce and time,
 * and every candidate is warmed up.
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
const NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
const TIMESTAMP = 1318622958;
const IN_FLIGHT = 100;

type Method = "HMAC-SHA1" | "HMAC-SHA256";
const HASHES = { "HMAC-SHA1": ["sha1", "SHA-1"], "HMAC-SHA256": ["sha256", "SHA-256"] } as const;

const ours = (method: Method, fixed = false) =>
  new OAuth1Client({
    clientKey: CONSUMER.key,
    clientSecret: CONSUMER.secret,
    token: TOKEN.key,
    tokenSecret: TOKEN.secret,
    signatureMethod: method,
    ...(fixed ? { nonce: () => NONCE, timestamp: () => String(TIMESTAMP) } : {}),
  });

const theirs = (method: Method) =>
  new OAuth({
    consumer: CONSUMER,
    signature_method: method,
    hash_function: (base: string, key: string) =>
      createHmac(HASHES[method][0], key).update(base).digest("base64"),
  });

/** Both libraries sign the same request to the same `oauth_signature`, or the bench stops. */
async function assertSameWork(method: Method): Promise<void> {
  const signed = await ours(method, true).sign(new Request(URL_STRING));
  const header = signed.headers.get("authorization") ?? "";
  const npm = theirs(method);
  npm.getNonce = () => NONCE;
  npm.getTimeStamp = () => TIMESTAMP;
  const expected = npm.toHeader(npm.authorize({ url: URL_STRING, method: "GET" }, TOKEN));
  const signature = (text: string) => /oauth_signature="([^"]+)"/.exec(text)?.[1];
  if (!signature(header) || signature(header) !== signature(expected.Authorization)) {
    throw new Error(`${method}: the two libraries disagree, so they are not doing the same work`);
  }
}

/** `crypto.subtle.sign` with a cached key over a base string built once. */
async function floorFor(method: Method): Promise<() => Promise<unknown>> {
  const utf8 = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    utf8.encode(signingKey(CONSUMER.secret, TOKEN.secret)),
    { name: "HMAC", hash: HASHES[method][1] },
    false,
    ["sign"],
  );
  const url = new URL(URL_STRING);
  const baseString = utf8.encode(
    signatureBaseString("GET", url, [
      ...url.searchParams,
      ["oauth_consumer_key", CONSUMER.key],
      ["oauth_nonce", NONCE],
      ["oauth_signature_method", method],
      ["oauth_timestamp", String(TIMESTAMP)],
      ["oauth_token", TOKEN.key],
      ["oauth_version", "1.0"],
    ]),
  );
  return () => crypto.subtle.sign("HMAC", key, baseString);
}

type Job = () => Promise<unknown>;
const inFlight = (fn: Job): Job => async () => {
  await Promise.all(Array.from({ length: IN_FLIGHT }, fn));
};
const WAYS = [[`${IN_FLIGHT} in flight`, inFlight], ["one at a time", (fn: Job) => fn]] as const;

for (const method of ["HMAC-SHA1", "HMAC-SHA256"] as const) {
  await assertSameWork(method);
  const client = ours(method);
  const npm = theirs(method);
  const request = new Request(URL_STRING);
  // deno-lint-ignore require-await -- an async signer, as the caller of one sees it
  const npmSign = async () =>
    npm.toHeader(npm.authorize({ url: URL_STRING, method: "GET" }, TOKEN));
  const candidates: [string, Job][] = [
    ["@x/oauth client.sign()", () => client.sign(request)],
    ["oauth-1.0a + node:crypto", npmSign],
    ["floor: crypto.subtle HMAC, cached key", await floorFor(method)],
  ];
  // Every candidate is warmed up before any is timed, so no group pays for the JIT of another.
  for (const [, fn] of candidates) for (let round = 0; round < 50; round++) await inFlight(fn)();
  for (const [way, wrap] of WAYS) {
    for (const [name, fn] of candidates) {
      const run = wrap(fn);
      Deno.bench({
        name,
        group: `${method}, ${way}`,
        baseline: fn === candidates[0][1],
        fn: async () => {
          await run();
        },
      });
    }
  }
}
