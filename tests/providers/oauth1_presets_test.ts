/**
 * What every OAuth 1.0a preset promises: options that `new OAuth1Client` accepts, with the
 * provider's three https URLs, the caller's credentials and callback, and no absent members.
 */
import assert from "node:assert/strict";
import {
  confluence,
  flickr,
  garminOAuth1,
  jira,
  type OAuth1Preset,
  trello,
  tumblrOAuth1,
  twitterOAuth1,
} from "../../providers/mod.ts";
import { OAuth1Client } from "../../oauth1/mod.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

const credentials = { clientKey: "consumer-key", clientSecret: "consumer-secret" };
const callbackUri = "https://app.example/callback";
const atlassian = {
  baseUrl: "https://atlassian.example.com",
  clientKey: "consumer-key",
  privateKey: keys.pkcs8,
};

const PRESETS: [string, (callback?: string) => OAuth1Preset][] = [
  ["twitterOAuth1", (callback) => twitterOAuth1({ ...credentials, callbackUri: callback })],
  ["flickr", (callback) => flickr({ ...credentials, callbackUri: callback })],
  ["tumblrOAuth1", (callback) => tumblrOAuth1({ ...credentials, callbackUri: callback })],
  ["trello", (callback) => trello({ ...credentials, callbackUri: callback })],
  ["garminOAuth1", (callback) => garminOAuth1({ ...credentials, callbackUri: callback })],
  ["jira", (callback) => jira({ ...atlassian, callbackUri: callback })],
  ["confluence", (callback) => confluence({ ...atlassian, callbackUri: callback })],
];

Deno.test("every OAuth 1.0a preset's value is accepted by new OAuth1Client, with and without a callback", () => {
  for (const [name, preset] of PRESETS) {
    for (const callback of [callbackUri, undefined]) {
      const options = preset(callback);
      const client = new OAuth1Client(options);
      assert.equal(client.toJSON().clientKey, "consumer-key", name);
      assert.equal(options.callbackUri, callback, name);
      assert.ok(!Object.values(options).includes(undefined), `${name} has no absent members`);
    }
  }
});

Deno.test("every OAuth 1.0a preset gives three https URLs and the signature method its provider takes", () => {
  for (const [name, preset] of PRESETS) {
    const options = preset();
    for (const url of [options.requestTokenUrl, options.authorizeUrl, options.accessTokenUrl]) {
      assert.equal(new URL(url).protocol, "https:", `${name}: ${url}`);
    }
    const rsa = name === "jira" || name === "confluence";
    assert.equal(options.signatureMethod, rsa ? "RSA-SHA1" : "HMAC-SHA1", name);
    assert.equal(options.clientSecret, rsa ? undefined : "consumer-secret", name);
    assert.equal(options.privateKey, rsa ? keys.pkcs8 : undefined, name);
  }
});

Deno.test("a preset's options can be extended for the client, and an unknown option is still refused", () => {
  const client = new OAuth1Client({
    ...flickr(credentials),
    token: "stored-token",
    tokenSecret: "stored-secret",
    timeout: 5_000,
  });
  assert.equal(client.authorized, true);
  assert.throws(() => new OAuth1Client({ ...flickr(credentials), perms: "read" } as never), {
    name: "TypeError",
    message: 'unknown OAuth1Client option "perms"',
  });
});
