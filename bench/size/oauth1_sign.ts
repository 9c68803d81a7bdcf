// A consumer that only signs requests with OAuth 1.0a HMAC-SHA1.
import { signOAuth1Request } from "../../oauth1/sign_request.ts";

export function sign(request: Request) {
  return signOAuth1Request(request, {
    clientKey: "key",
    clientSecret: "secret",
    token: "t",
    tokenSecret: "s",
  });
}
