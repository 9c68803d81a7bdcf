/**
 * Facebook Login, the "manually build a login flow" way, against a versioned Graph API. An old
 * Graph API answered the token request in form encoding (`access_token=…&expires=…`): the
 * `facebook` hook turns such a body into the JSON token. There are no refresh tokens (a
 * long-lived token is exchanged instead). With the `openid` scope Facebook adds an ID token
 * (issuer `https://www.facebook.com`), which the client checks against Facebook's keys. Meta
 * for Developers, "Manually Build a Login Flow"
 * (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow), "OIDC Code
 * Flow with PKCE" (https://developers.facebook.com/docs/facebook-login/guides/advanced/oidc-token)
 * and the Graph API's "User" node (https://developers.facebook.com/docs/graph-api/reference/user).
 *
 * @module
 */
import { facebook as facebookHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

/** Options of {@linkcode facebook}. */
export interface FacebookOptions extends PresetOptions {
  /** The Graph API version, `v` and a number: default `v23.0`. */
  version?: string;
}

function readUser(version: string): ProfileReader {
  return async ({ getJson }) => {
    const user = await getJson(
      `https://graph.facebook.com/${version}/me?fields=id,name,email,picture.type(large)`,
    );
    return profileOf(user, {
      id: user.id,
      email: user.email,
      name: user.name,
      picture: objectAt(objectAt(user.picture).data).url,
    });
  };
}

/**
 * Facebook Login: the versioned dialog and Graph API endpoints, `client_secret_post`, PKCE, the
 * `facebook` fix, the issuer and keys of its ID tokens (asked for with `openid`); default scope
 * `email public_profile`. The profile comes from `/me` with the picture's URL.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { facebook } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(facebook({ clientId: "1234", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://www.facebook.com/v23.0/dialog/oauth");
 * ```
 */
export function facebook(options: FacebookOptions): OAuth2Preset {
  const { version = "v23.0", ...rest } = options;
  if (typeof version !== "string" || !/^v\d+\.\d+$/.test(version)) {
    throw new TypeError('facebook() needs version as a Graph API version such as "v23.0"');
  }
  return {
    issuer: "https://www.facebook.com",
    jwksUri: "https://www.facebook.com/.well-known/oauth/openid/jwks/",
    authorizationEndpoint: `https://www.facebook.com/${version}/dialog/oauth`,
    tokenEndpoint: `https://graph.facebook.com/${version}/oauth/access_token`,
    scope: ["email", "public_profile"],
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_post",
      "facebook",
      true,
    ),
    hooks: facebookHooks,
    profile: readUser(version),
    ...defined(rest),
  };
}
