/**
 * The clients the commands use, built from the settings: OAuth 2.0 by discovery when an issuer
 * is set (endpoints given as settings still win), else from the endpoints; the token in the
 * profile's file.
 *
 * @module
 */
import { join } from "node:path";
import { OAuth1Client, OAuth2Client, type OAuth2ClientOptions } from "../mod.ts";
import { FileTokenStore } from "../stores/file.ts";
import { type CliConfig, required } from "./config.ts";

/**
 * The store of the profile's token, `<configDir>/tokens/<profile>.json` (`<profile>.oauth1.json`
 * for OAuth 1.0a token credentials): mode 0600 in a 0700 directory.
 */
export function tokenStore(
  config: CliConfig,
  kind: "oauth2" | "oauth1" = "oauth2",
): FileTokenStore {
  if (!/^[\w.-]+$/.test(config.profile)) {
    throw new TypeError("a profile name is letters, digits, . _ -");
  }
  const name = `${config.profile}${kind === "oauth2" ? "" : `.${kind}`}.json`;
  return new FileTokenStore(join(config.configDir, "tokens", name));
}

/** The OAuth 2.0 client of the profile, its token in the profile's file. */
export async function oauth2Client(
  config: CliConfig,
  extra: Partial<OAuth2ClientOptions> = {},
): Promise<OAuth2Client> {
  const s = config.settings;
  const options: OAuth2ClientOptions = {
    clientId: required(config, "client-id"),
    clientSecret: s["client-secret"],
    clientAuthentication: s["client-auth"] as OAuth2ClientOptions["clientAuthentication"],
    scope: s.scope,
    store: tokenStore(config),
    allowInsecureRequests: config.insecure,
    ...defined({
      authorizationEndpoint: s["authorization-endpoint"],
      tokenEndpoint: s["token-endpoint"],
      deviceAuthorizationEndpoint: s["device-endpoint"],
      revocationEndpoint: s["revocation-endpoint"],
      introspectionEndpoint: s["introspection-endpoint"],
      userinfoEndpoint: s["userinfo-endpoint"],
    }),
    ...extra,
  };
  return s.issuer === undefined
    ? new OAuth2Client(options)
    : await OAuth2Client.discover(s.issuer, options);
}

/** The OAuth 1.0a client of the profile, with token credentials when it has them. */
export function oauth1Client(
  config: CliConfig,
  token?: { oauth_token: string; oauth_token_secret: string },
  callbackUri?: string,
): OAuth1Client {
  return new OAuth1Client({
    clientKey: required(config, "consumer-key"),
    clientSecret: config.settings["consumer-secret"],
    ...(token ? { token: token.oauth_token, tokenSecret: token.oauth_token_secret } : {}),
    ...(callbackUri ? { callbackUri } : {}),
    allowInsecureRequests: config.insecure,
  });
}

function defined<T extends Record<string, string | undefined>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
