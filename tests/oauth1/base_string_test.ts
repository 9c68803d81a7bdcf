import assert from "node:assert/strict";
import {
  baseStringUri,
  normalizeParameters,
  signatureBaseString,
} from "../../oauth1/base_string.ts";
import { decodeForm } from "../../_encoding.ts";

// RFC 5849 §3.4.1.1: the request and its signature base string, published in the RFC.
const RFC_3_4_1_URL = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
const RFC_3_4_1_BODY = "c2&a3=2+q";
const RFC_3_4_1_OAUTH: [string, string][] = [
  ["oauth_consumer_key", "9djdj82h48djs9d2"],
  ["oauth_token", "kkk9d7dh3k39sjv7"],
  ["oauth_signature_method", "HMAC-SHA1"],
  ["oauth_timestamp", "137131201"],
  ["oauth_nonce", "7d8f3e4a"],
];
const RFC_3_4_1_BASE_STRING =
  "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q" +
  "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_" +
  "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m" +
  "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk" +
  "9d7dh3k39sjv7";

Deno.test("the RFC 5849 §3.4.1.1 example gives the published base string, decoding each value once", () => {
  const url = new URL(RFC_3_4_1_URL);
  const parameters = [...decodeForm(url.search), ...decodeForm(RFC_3_4_1_BODY), ...RFC_3_4_1_OAUTH];
  assert.equal(signatureBaseString("POST", url, parameters), RFC_3_4_1_BASE_STRING);
});

Deno.test("the RFC 5849 §3.4.1.3.2 normalised parameters keep duplicates and sort by encoded bytes", () => {
  const url = new URL(RFC_3_4_1_URL);
  const parameters = [...decodeForm(url.search), ...decodeForm(RFC_3_4_1_BODY), ...RFC_3_4_1_OAUTH];
  assert.equal(
    normalizeParameters(parameters),
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2" +
      "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201" +
      "&oauth_token=kkk9d7dh3k39sjv7",
  );
});

Deno.test("the base string URI follows RFC 5849 §3.4.1.2 for its two published examples", () => {
  assert.equal(
    baseStringUri(new URL("http://EXAMPLE.COM:80/r%20v/X?id=123")),
    "http://example.com/r%20v/X",
  );
  assert.equal(
    baseStringUri(new URL("https://www.example.net:8080/?q=1")),
    "https://www.example.net:8080/",
  );
});

Deno.test("the base string URI never includes userinfo, query or fragment", () => {
  assert.equal(
    baseStringUri(new URL("https://user:password@api.example.com/a/b?c=d#frag")),
    "https://api.example.com/a/b",
  );
});

Deno.test("the base string URI drops default ports, keeps others and brackets IPv6 hosts", () => {
  assert.equal(
    baseStringUri(new URL("https://api.example.com:443/x")),
    "https://api.example.com/x",
  );
  assert.equal(
    baseStringUri(new URL("http://api.example.com:443/x")),
    "http://api.example.com:443/x",
  );
  assert.equal(
    baseStringUri(new URL("http://[2001:DB8::1]:8080/x")),
    "http://[2001:db8::1]:8080/x",
  );
  assert.equal(baseStringUri(new URL("https://api.example.com")), "https://api.example.com/");
});

Deno.test("sorting compares encoded names before values, in byte order", () => {
  assert.equal(
    normalizeParameters([["a", "2"], ["A", "1"], ["a", "10"], ["a1", ""], ["☃", "x"], ["z", "y"]]),
    "%E2%98%83=x&A=1&a=10&a=2&a1=&z=y",
  );
});

Deno.test("the method is upper-cased in the base string", () => {
  assert.match(signatureBaseString("patch", new URL("https://a.example/"), []), /^PATCH&/);
});
