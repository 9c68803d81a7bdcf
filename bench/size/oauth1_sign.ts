// A consumer that only signs requests with OAuth 1.0a HMAC-SHA1.
import { OAuth1Client } from "../../oauth1/mod.ts";

export function sign(request: Request) {
  return new OAuth1Client({
    clientKey: "key",
    clientSecret: "secret",
    token: "t",
    tokenSecret: "s",
  }).sign(request);
}
