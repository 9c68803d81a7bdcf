// A consumer that only signs requests with OAuth 1.0a HMAC-SHA1, in the Authorization header.
import { oauth1AuthorizationHeader } from "../../oauth1/sign.ts";

export async function send(request: Request) {
  const authorization = await oauth1AuthorizationHeader(request, {
    clientKey: "key",
    clientSecret: "secret",
    token: "t",
    tokenSecret: "s",
  });
  const headers = new Headers(request.headers);
  headers.set("authorization", authorization);
  return fetch(request, { headers });
}
