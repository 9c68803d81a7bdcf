/**
 * The clients the commands use, built from the settings: OAuth 2.0 by discovery when an issuer
 * is set (endpoints given as settings still win), else from the endpoints; the token in one of
 * the profile's files (cli/token_files.ts).
 *
 * @module
 */
import { OAuth1Client, OAuth2Client, type OAuth2ClientOptions } from "../mod.ts";
import { type CliConfig, required, SETTINGS } from "./config.ts";
import { type EndpointSetting, requireEndpoints } from "./endpoints.ts";
import { oneOf } from "./flag_values.ts";
import { tokenStore } from "./token_files.ts";

/** The client authentication methods the CLI can do: it has no way to take a private key. */
const CLIENT_AUTH = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "none"];

/**
 * The OAuth 2.0 client of the profile, its token in the user's token file unless `extra` gives
 * another store. Each endpoint of `needs` must be known, else a usage error names its flags.
 */
export async function oauth2Client(
  config: CliConfig,
  extra: Partial<OAuth2ClientOptions> = {},
  needs: readonly EndpointSetting[] = [],
): Promise<OAuth2Client> {
  const s = config.settings;
  const options: OAuth2ClientOptions = {
    clientId: required(config, "client-id"),
    clientSecret: s["client-secret"],
    clientAuthentication: clientAuthentication(s["client-auth"]),
    scope: s.scope,
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
  // Checked before discovery, so that a missing endpoint is not a network round trip away.
  if (s.issuer === undefined) requireEndpoints(config, undefined, needs);
  options.store ??= tokenStore(config);
  const client = s.issuer === undefined
    ? new OAuth2Client(options)
    : await OAuth2Client.discover(s.issuer, options);
  requireEndpoints(config, client.metadata, needs);
  return client;
}

function clientAuthentication(
  value: string | undefined,
): OAuth2ClientOptions["clientAuthentication"] {
  if (value === undefined) return undefined;
  const flag = `--client-auth (${SETTINGS["client-auth"]})`;
  return oneOf(flag, value, CLIENT_AUTH) as OAuth2ClientOptions["clientAuthentication"];
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
