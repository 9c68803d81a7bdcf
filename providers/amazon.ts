/**
 * Login with Amazon: the authorization and token hosts depend on the region (North America,
 * Europe, Far East); the client secret goes in the body; PKCE is supported. Amazon Developer,
 * "Login with Amazon: Authorization Code Grant"
 * (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html) and
 * "Obtain Customer Profile Information"
 * (https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { profileOf } from "./_profile.ts";

/** Options of {@linkcode amazon}. */
export interface AmazonOptions extends PresetOptions {
  /** `na` (default), `eu` or `fe`: where the customers' accounts are. */
  region?: "na" | "eu" | "fe";
}

const REGIONS = {
  na: { authorize: "https://www.amazon.com/ap/oa", api: "https://api.amazon.com" },
  eu: { authorize: "https://eu.account.amazon.com/ap/oa", api: "https://api.amazon.co.uk" },
  fe: { authorize: "https://apac.account.amazon.com/ap/oa", api: "https://api.amazon.co.jp" },
} as const;

function readUser(api: string): ProfileReader {
  return async ({ getJson }) => {
    const user = await getJson(`${api}/user/profile`);
    return profileOf(user, { id: user.user_id, email: user.email, name: user.name });
  };
}

/**
 * Login with Amazon: the region's endpoints, `client_secret_post` (or a public client), PKCE;
 * default scope `profile`. The profile comes from `/user/profile`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { amazon } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = amazon({ clientId: "amzn1.application-oa2-client.1", redirectUri: "https://app.example/callback", region: "eu" });
 * assert.equal(preset.tokenEndpoint, "https://api.amazon.co.uk/auth/o2/token");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://eu.account.amazon.com/ap/oa");
 * ```
 */
export function amazon(options: AmazonOptions): OAuth2Preset {
  const { region = "na", ...rest } = options;
  if (!Object.hasOwn(REGIONS, region)) {
    throw new TypeError('amazon() needs region as "na", "eu" or "fe"');
  }
  const { authorize, api } = REGIONS[region];
  return {
    authorizationEndpoint: authorize,
    tokenEndpoint: `${api}/auth/o2/token`,
    scope: "profile",
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_post", "amazon"),
    profile: readUser(api),
    ...defined(rest),
  };
}
