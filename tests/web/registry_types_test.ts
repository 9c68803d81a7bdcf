/**
 * The registry's types follow each provider's protocol: an OAuth 2.0 provider's login yields a
 * `Token`, an OAuth 1.0a provider's an `OAuth1Token`, and a registry typed with its providers
 * names them and refuses a configuration of the other kind. The `@ts-expect-error` lines are the
 * test: `deno test` type-checks this file and fails if any of them compiles.
 */
import assert from "node:assert/strict";
import {
  type OAuth1Token,
  OAuthRegistry,
  type ProviderConfig,
  type RemoteApp,
  type Token,
} from "../../web/mod.ts";

const SECRET = "the registry type test's cookie secret";
const OAUTH2 = {
  clientId: "app",
  authorizationEndpoint: "https://as.example/authorize",
  tokenEndpoint: "https://as.example/token",
};
const OAUTH1 = {
  clientId: "consumer",
  requestTokenUrl: "https://legacy.example/request_token",
  authorizeUrl: "https://legacy.example/authorize",
  accessTokenUrl: "https://legacy.example/access_token",
};
const callback = new Request("https://app.example/callback");

/** Type-level only: never called, as the logins would need a provider. */
async function typesOfLogins(oauth: OAuthRegistry) {
  const modern = oauth.register("modern", OAUTH2);
  const legacy = oauth.register("legacy", OAUTH1);
  const token: Token = (await modern.authorizeAccessToken(callback)).token;
  const credentials: OAuth1Token = (await legacy.authorizeAccessToken(callback)).token;
  // @ts-expect-error: an OAuth 2.0 provider's login gives no OAuth1Token
  const notCredentials: OAuth1Token = (await modern.authorizeAccessToken(callback)).token;
  // @ts-expect-error: an OAuth 1.0a provider's login gives no Token
  const notToken: Token = (await legacy.authorizeAccessToken(callback)).token;

  // A configuration typed only as ProviderConfig may be either: the union, to be narrowed.
  const either = oauth.register("either", OAUTH2 as ProviderConfig);
  // @ts-expect-error: it may be an OAuth1Token
  const unknown: Token = (await either.authorizeAccessToken(callback)).token;
  const narrowed: Token | OAuth1Token = (await either.authorizeAccessToken(callback)).token;

  // Looked up by name in an untyped registry: the union too.
  // @ts-expect-error: the registry does not know which kind "modern" is
  const looked: Token = (await oauth.client("modern").authorizeAccessToken(callback)).token;
  return [token, credentials, notCredentials, notToken, unknown, narrowed, looked];
}

/** Type-level only: a registry that declares its providers. */
async function typesOfDeclaredProviders() {
  const oauth = new OAuthRegistry<{ github: Token; twitter: OAuth1Token }>({ secret: SECRET });
  oauth.register("github", OAUTH2);
  oauth.register("twitter", OAUTH1);
  // @ts-expect-error: github is declared OAuth 2.0, and this configuration is OAuth 1.0a
  oauth.register("github", OAUTH1, { replace: true });
  // @ts-expect-error: twitter is declared OAuth 1.0a, and this configuration has no requestTokenUrl
  oauth.register("twitter", OAUTH2, { replace: true });
  // @ts-expect-error: gitlab is not declared
  oauth.register("gitlab", OAUTH2);
  const github: RemoteApp<Token> = oauth.client("github");
  const twitter: RemoteApp<OAuth1Token> = oauth.client("twitter");
  const token: Token = (await github.authorizeAccessToken(callback)).token;
  // @ts-expect-error: twitter gives OAuth1Token
  const wrong: Token = (await twitter.authorizeAccessToken(callback)).token;
  // @ts-expect-error: gitlab is not declared
  oauth.client("gitlab");
  return [token, wrong];
}

Deno.test("each provider's app is typed by its protocol, and is what register returned", () => {
  assert.equal(typeof typesOfLogins, "function");
  assert.equal(typeof typesOfDeclaredProviders, "function");
  const oauth = new OAuthRegistry<{ github: Token; twitter: OAuth1Token }>({ secret: SECRET });
  const github = oauth.register("github", OAUTH2);
  const twitter = oauth.register("twitter", OAUTH1);
  assert.equal(oauth.client("github"), github);
  assert.equal(oauth.client("twitter").isOAuth1, true);
  assert.equal(twitter.isOAuth1, true);
});
