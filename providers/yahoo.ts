/**
 * Yahoo as an OpenID Connect provider (issuer `https://api.login.yahoo.com`), with HTTP Basic
 * client authentication; a refresh request repeats the `redirect_uri` (the `yahoo` hook).
 * Yahoo Developer Network, "OpenID Connect" (https://developer.yahoo.com/oauth2/guide/openid_connect/)
 * and "OAuth 2.0 Guide" (https://developer.yahoo.com/oauth2/guide/flows_authcode/).
 *
 * @module
 */
import { yahoo as yahooHooks } from "../hooks/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

/**
 * Yahoo: OpenID Connect, `client_secret_basic`, PKCE, the `yahoo` fix with the redirect URI;
 * default scope `openid profile email`; the profile comes from userinfo's standard claims.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { yahoo } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(yahoo({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://api.login.yahoo.com/oauth2/request_auth");
 * ```
 */
export function yahoo(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://api.login.yahoo.com",
    authorizationEndpoint: "https://api.login.yahoo.com/oauth2/request_auth",
    tokenEndpoint: "https://api.login.yahoo.com/oauth2/get_token",
    userinfoEndpoint: "https://api.login.yahoo.com/openid/v1/userinfo",
    jwksUri: "https://api.login.yahoo.com/openid/v1/certs",
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "yahoo",
      true,
    ),
    hooks: yahooHooks({ redirectUri: options.redirectUri }),
    ...defined(options),
  };
}
