/**
 * Sign in with Slack: OpenID Connect at `slack.com`, with its `openid.connect.*` Web API methods
 * as token and userinfo endpoints. Slack answers a failed call with HTTP 200 and `{"ok": false,
 * "error": "invalid_code"}`, which the client reports as that error. Slack API, "Sign in with
 * Slack" (https://docs.slack.dev/authentication/sign-in-with-slack/), `openid.connect.token` and
 * `openid.connect.userInfo`.
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";

/**
 * Sign in with Slack: issuer `https://slack.com`, `client_secret_post`, default scope `openid
 * profile email`; the profile comes from `openid.connect.userInfo`'s standard claims.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { slack } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(slack({ clientId: "1.2", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url, nonce } = await client.authorizationUrl({ team: "T0123" });
 * assert.equal(url.origin + url.pathname, "https://slack.com/openid/connect/authorize");
 * assert.equal(url.searchParams.get("nonce"), nonce);
 * ```
 */
export function slack(options: PresetOptions): OAuth2Preset {
  return {
    issuer: "https://slack.com",
    authorizationEndpoint: "https://slack.com/openid/connect/authorize",
    tokenEndpoint: "https://slack.com/api/openid.connect.token",
    userinfoEndpoint: "https://slack.com/api/openid.connect.userInfo",
    jwksUri: "https://slack.com/openid/connect/keys",
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "slack",
      true,
    ),
    ...defined(options),
  };
}
