/**
 * A provider preset is a registry configuration: `register("google", google({ … }))` compiles
 * and its app is typed `Token`, in an untyped registry and in one that declares its providers.
 * The `@ts-expect-error` lines are the test: `deno test` type-checks this file.
 */
import assert from "node:assert/strict";
import { apple, github, google, microsoft } from "../../providers/mod.ts";
import { type OAuth1Token, OAuthRegistry, type RemoteApp, type Token } from "../../web/mod.ts";

const SECRET = "the preset registry type test's cookie secret";

Deno.test("presets register as OAuth 2.0 providers whose logins give a Token", async () => {
  const oauth = new OAuthRegistry({ secret: SECRET });
  const g: RemoteApp<Token> = oauth.register(
    "google",
    google({ clientId: "g", clientSecret: "s" }),
  );
  const m: RemoteApp<Token> = oauth.register(
    "microsoft",
    microsoft({ clientId: "m", tenant: "organizations" }),
  );
  const key = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]);
  const a: RemoteApp<Token> = oauth.register(
    "apple",
    apple({ clientId: "a", teamId: "T", keyId: "K", privateKey: key.privateKey }),
  );
  const h: RemoteApp<Token> = oauth.register("github", {
    ...github({ clientId: "h", clientSecret: "s" }),
    apiBaseUrl: "https://api.github.com/",
  });
  // @ts-expect-error: a preset's app gives no OAuth1Token
  const wrong: RemoteApp<OAuth1Token> = oauth.register("google2", google({ clientId: "g" }));
  assert.deepEqual([g, m, a, h].map((app) => app.isOAuth1), [false, false, false, false]);
  assert.equal(wrong.isOAuth1, false);

  const typed = new OAuthRegistry<{ google: Token; twitter: OAuth1Token }>({ secret: SECRET });
  typed.register("google", google({ clientId: "g" }));
  // @ts-expect-error: twitter is declared OAuth 1.0a, and a preset is OAuth 2.0
  typed.register("twitter", github({ clientId: "h" }));
});
