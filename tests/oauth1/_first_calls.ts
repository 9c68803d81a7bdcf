/**
 * Every kind of first call a fresh `OAuth1Client` of the root entry makes, all started at once:
 * two signatures with HMAC-SHA1, two with RSA-SHA256 (a PEM key, imported on first use) and a
 * request for temporary credentials. Run in a fresh process, each of them is a first use of
 * the signing code the client loads on demand.
 */
import { OAuth1Client } from "../../mod.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

/** What each call sent (the `Authorization` headers) and the temporary token it received. */
export async function concurrentFirstCalls(): Promise<string[]> {
  const fixed = { nonce: () => "abcdefghijklmnopqrstuvwxyz", timestamp: () => "1700000000" };
  const hmac = new OAuth1Client({
    clientKey: "key",
    clientSecret: "secret",
    token: "token",
    tokenSecret: "token-secret",
    ...fixed,
  });
  const rsa = new OAuth1Client({
    clientKey: "key",
    signatureMethod: "RSA-SHA256",
    privateKey: keys.pkcs1,
    token: "token",
    ...fixed,
  });
  const sent: string[] = [];
  const flow = new OAuth1Client({
    clientKey: "key",
    clientSecret: "secret",
    ...fixed,
    fetch: (request) => {
      sent.push(request.headers.get("authorization") ?? "");
      return Promise.resolve(
        new Response("oauth_token=temp&oauth_token_secret=s&oauth_callback_confirmed=true"),
      );
    },
  });
  const request = () => new Request("https://api.example/items?page=2");
  const [signed, temporary] = await Promise.all([
    Promise.all([
      hmac.sign(request()),
      hmac.sign(request()),
      rsa.sign(request()),
      rsa.sign(request()),
    ]),
    flow.fetchRequestToken("https://provider.example/request_token"),
  ]);
  return [
    ...signed.map((request) => request.headers.get("authorization") ?? ""),
    ...sent,
    temporary.oauth_token,
  ];
}
