/**
 * Log in with PayPal: live or sandbox hosts, HTTP Basic client authentication, no PKCE; the
 * token response names `expires_in` as a string and an ID token with the `openid` scope; user
 * data comes from the Identity API, which names the user `user_id` rather than `sub`. PayPal
 * Developer, "Integrate Log in with PayPal"
 * (https://developer.paypal.com/docs/log-in-with-paypal/integrate/) and the Identity API's
 * "Show user profile information" (https://developer.paypal.com/docs/api/identity/v1/).
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

/** Options of {@linkcode paypal}. */
export interface PayPalOptions extends PresetOptions {
  /** Use PayPal's sandbox (`sandbox.paypal.com`) instead of the live site. */
  sandbox?: boolean;
}

function readUser(api: string): ProfileReader {
  return async ({ getJson }) => {
    const user = await getJson(`${api}/v1/identity/oauth2/userinfo?schema=paypalv1.1`);
    const emails = Array.isArray(user.emails) ? user.emails.map(objectAt) : [];
    const email = emails.find((item) => item.primary === true) ?? emails[0] ?? {};
    return profileOf(user, {
      id: user.user_id,
      email: email.value,
      emailVerified: email.confirmed,
      name: user.name,
    });
  };
}

/**
 * PayPal: OpenID Connect login (issuer `https://www.paypal.com`, or the sandbox's),
 * `client_secret_basic`, no PKCE; default scope `openid email profile`. The profile comes from
 * the Identity API.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { paypal } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = paypal({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback", sandbox: true });
 * assert.equal(preset.tokenEndpoint, "https://api-m.sandbox.paypal.com/v1/oauth2/token");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.sandbox.paypal.com/signin/authorize");
 * ```
 */
export function paypal(options: PayPalOptions): OAuth2Preset {
  const { sandbox = false, ...rest } = options;
  if (typeof sandbox !== "boolean") throw new TypeError("paypal() needs sandbox as a boolean");
  const site = sandbox ? "https://www.sandbox.paypal.com" : "https://www.paypal.com";
  const api = sandbox ? "https://api-m.sandbox.paypal.com" : "https://api-m.paypal.com";
  return {
    issuer: site,
    authorizationEndpoint: `${site}/signin/authorize`,
    tokenEndpoint: `${api}/v1/oauth2/token`,
    jwksUri: `${api}/v1/oauth2/certs`,
    scope: ["openid", "email", "profile"],
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_basic",
      "paypal",
      true,
    ),
    pkce: false,
    profile: readUser(api),
    ...defined(rest),
  };
}
