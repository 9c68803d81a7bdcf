/**
 * Amazon Cognito user pools: the hosted UI's endpoints live on the pool's domain (a prefix
 * domain `<prefix>.auth.<region>.amazoncognito.com` or a custom one), while the issuer is
 * `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, where the JWK Set and the discovery
 * document are. Its userinfo sends `email_verified` as a string (`"true"`), and a refresh keeps
 * the refresh token. Amazon Cognito Developer Guide, "User pool endpoints and managed login
 * reference" (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html).
 *
 * @module
 */
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, hostOption } from "./_options.ts";

/** Options of {@linkcode cognito}. */
export interface CognitoOptions extends PresetOptions {
  /** The user pool's domain, such as `example.auth.eu-west-1.amazoncognito.com`. */
  domain: string;
  /** The user pool's id, such as `eu-west-1_AbCdEf123`. */
  userPoolId: string;
  /** The pool's AWS region; default the one the pool id starts with (they must agree). */
  region?: string;
}

const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[A-Za-z0-9]+$/;

/**
 * Amazon Cognito: the hosted UI's endpoints (authorize, token, revoke, userInfo), the user
 * pool as issuer, PKCE, `client_secret_basic` (or a public app client); default scope `openid
 * profile email`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { cognito } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = cognito({ clientId: "app", domain: "example.auth.eu-west-1.amazoncognito.com", userPoolId: "eu-west-1_AbCdEf123" });
 * assert.equal(preset.issuer, "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://example.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
 * ```
 */
export function cognito(options: CognitoOptions): OAuth2Preset {
  const { domain, userPoolId, region, ...rest } = options;
  const host = `https://${hostOption(domain, "domain", "cognito")}`;
  const match = typeof userPoolId === "string" ? POOL_ID.exec(userPoolId) : null;
  if (match === null) {
    throw new TypeError("cognito() needs userPoolId as <region>_<id>, such as eu-west-1_AbCdEf123");
  }
  if (region !== undefined && region !== match[1]) {
    throw new TypeError(
      `cognito() got region ${String(region)}, but the user pool is in ${match[1]}`,
    );
  }
  const issuer = `https://cognito-idp.${match[1]}.amazonaws.com/${userPoolId}`;
  return {
    issuer,
    authorizationEndpoint: `${host}/oauth2/authorize`,
    tokenEndpoint: `${host}/oauth2/token`,
    revocationEndpoint: `${host}/oauth2/revoke`,
    userinfoEndpoint: `${host}/oauth2/userInfo`,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    scope: ["openid", "profile", "email"],
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_basic", "cognito"),
    ...defined(rest),
  };
}
