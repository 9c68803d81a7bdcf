/**
 * Sign In with LinkedIn using OpenID Connect. The issuer is `https://www.linkedin.com/oauth` (its
 * discovery document's since 2024, where it once was `https://www.linkedin.com`); the token
 * endpoint takes the client credentials in the body only, and web apps get no PKCE. Microsoft
 * Learn, "Sign In with LinkedIn using OpenID Connect"
 * (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2)
 * and "Authorization Code Flow" (https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

/**
 * LinkedIn: OpenID Connect, `client_secret_post`, no PKCE; default scope `openid profile
 * email`; the profile comes from `/v2/userinfo`'s standard claims.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { linkedin } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(linkedin({ clientId: "77abc", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url, codeVerifier } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.linkedin.com/oauth/v2/authorization");
 * assert.equal(codeVerifier, undefined);
 * ```
 */
export function linkedin(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://www.linkedin.com/oauth",
    authorizationEndpoint: "https://www.linkedin.com/oauth/v2/authorization",
    tokenEndpoint: "https://www.linkedin.com/oauth/v2/accessToken",
    userinfoEndpoint: "https://api.linkedin.com/v2/userinfo",
    jwksUri: "https://www.linkedin.com/oauth/openid/jwks",
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "linkedin",
      true,
    ),
    pkce: false,
    ...defined(options),
  };
}
