// A consumer of the standalone signer with every placement: signOAuth1Request.
import { signOAuth1Request } from "../../oauth1/sign.ts";

export function sign(request: Request) {
  return signOAuth1Request(request, {
    clientKey: "key",
    clientSecret: "secret",
    token: "t",
    tokenSecret: "s",
  });
}
