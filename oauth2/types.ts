/**
 * Types of the OAuth 2.0 client.
 *
 * @module
 */

/**
 * A token as the server sent it (RFC 6749 §5.1), snake_case, plus `expires_at` in Unix seconds,
 * computed on receipt. The shape requests-oauthlib and Authlib store, so tokens saved by them
 * load here unchanged. A numeric-string `expires_in` is stored as a number.
 */
export interface Token {
  /** The access token. */
  access_token: string;
  /** The token type, as sent (compared case-insensitively: `Bearer`, `bearer`). */
  token_type: string;
  /** Lifetime in seconds from issue, when the server said. */
  expires_in?: number;
  /** When the access token expires, in Unix seconds, when known. */
  expires_at?: number;
  /** The refresh token, when the server issued one. */
  refresh_token?: string;
  /** The granted scope, space-separated, when the server said. */
  scope?: string;
  /** The OpenID Connect ID Token, when the server issued one. */
  id_token?: string;
  /** Any other member of the token response. */
  [member: string]: unknown;
}

/** An RFC 7662 §2.2 introspection response; `active` is the only required member. */
export interface IntrospectionResponse {
  /** Whether the token is active. */
  active: boolean;
  /** Other members: `scope`, `client_id`, `username`, `exp`, `sub`, `aud`, … */
  [member: string]: unknown;
}

/** What `authorizationUrl()` returns: the URL and the values to keep for the callback. */
export interface AuthorizationRequest {
  /** The URL to send the user to. */
  url: URL;
  /** The `state` sent; check the callback against it (`fetchToken({ state })`). */
  state: string;
  /** The PKCE code verifier (RFC 7636), unless PKCE is off. */
  codeVerifier?: string;
  /** The `nonce` (OpenID Connect), for an `openid` scope or a client with `nonce: true`. */
  nonce?: string;
}

/** Options of `authorizationUrl()`; any other member is sent as a query parameter. */
export interface AuthorizationUrlParams {
  /** Scope for this request, instead of the client's. */
  scope?: string | string[];
  /** A state of your own; by default 256 random bits. */
  state?: string;
  /** A PKCE verifier of your own (43–128 unreserved characters). */
  codeVerifier?: string;
  /** A nonce of your own (OpenID Connect). */
  nonce?: string;
  /** A redirect URI for this request, instead of the client's. */
  redirectUri?: string;
  /**
   * Push the request first (RFC 9126) and send the browser with its `request_uri` only. By
   * default when the client says `par: true` or the server's metadata requires it.
   */
  par?: boolean;
  /** Aborts the push. */
  signal?: AbortSignal;
  /** Extra parameters such as `prompt`, `login_hint`, `resource` (repeated for an array). */
  [parameter: string]: string | string[] | boolean | AbortSignal | undefined;
}

/**
 * The authorization-code grant from the redirect URL, which is checked first (state, iss).
 *
 * @example
 * ```ts
 * import type { AuthorizationResponseGrant } from "@x/oauth/oauth2";
 *
 * const grant: AuthorizationResponseGrant = {
 *   authorizationResponse: "https://app.example/cb?code=c&state=s",
 *   state: "s",
 *   codeVerifier: "v".repeat(43),
 * };
 * // @ts-expect-error: the state is required with the callback URL
 * const forgotten: AuthorizationResponseGrant = { authorizationResponse: "https://app.example/cb" };
 * ```
 */
export interface AuthorizationResponseGrant {
  /**
   * The URL the user came back with (the whole callback URL), or the callback `Request`
   * itself, which a `response_mode=form_post` callback must be: its form body carries the
   * parameters (read with `readCallback`).
   */
  authorizationResponse: string | URL | Request;
  /** The `state` returned by `authorizationUrl()`. */
  state: string;
  /** The PKCE verifier returned by `authorizationUrl()`. */
  codeVerifier?: string;
  /** The redirect URI, when it differs from the client's. */
  redirectUri?: string;
  /** The nonce `authorizationUrl()` returned: the ID token must carry it (OpenID Connect). */
  nonce?: string;
  /** RFC 8707: the resource(s) the token is for; absolute URIs without a fragment. */
  resource?: string | string[];
  /**
   * Parameters a provider adds to the code redemption (VK ID's `device_id` from the callback),
   * sent after the grant's own.
   */
  extraParams?: Record<string, string | string[]>;
  /** Aborts the token request. */
  signal?: AbortSignal;
  /** Not with a callback URL: the code is read from it. */
  code?: never;
  /** Not with a callback URL: it is the authorization code grant. */
  grantType?: never;
}

/** The authorization-code grant with a code taken from the callback by other means. */
export interface AuthorizationCodeGrant {
  /** The authorization code. */
  code: string;
  /** The PKCE verifier. */
  codeVerifier?: string;
  /** The redirect URI, when it differs from the client's. */
  redirectUri?: string;
  /** The nonce `authorizationUrl()` returned: the ID token must carry it (OpenID Connect). */
  nonce?: string;
  /** RFC 8707: the resource(s) the token is for; absolute URIs without a fragment. */
  resource?: string | string[];
  /** Parameters a provider adds to the code redemption, sent after the grant's own. */
  extraParams?: Record<string, string | string[]>;
  /** Aborts the token request. */
  signal?: AbortSignal;
  /** Not with a bare code: the state is checked on the callback URL (`authorizationResponse`). */
  state?: never;
  /** Not with a code: it is the authorization code grant. */
  grantType?: never;
  /** Not with a code. */
  authorizationResponse?: never;
}

/** What every grant asked for by `grantType` may carry besides its own parameters. */
export interface GrantOptions {
  /** Scope to ask for; by default the client's (a refresh or a device code keeps its own). */
  scope?: string | string[];
  /** RFC 8707 §2.2: the resource(s) the token is for; absolute URIs without a fragment. */
  resource?: string | string[];
  /**
   * Parameters a provider adds to the grant (Auth0's `audience`), sent after the grant's own.
   * They are kept apart so that a misspelt parameter of the grant does not compile.
   */
  extraParams?: Record<string, string | string[]>;
  /** Aborts the token request. */
  signal?: AbortSignal;
  /** Not with a named grant: `{ code }` is the authorization code grant. */
  code?: never;
  /** Not with a named grant: `{ authorizationResponse, state }` is the authorization code grant. */
  authorizationResponse?: never;
}

/** RFC 6749 §4.4.2: a token for the client itself. */
export interface ClientCredentialsGrant extends GrantOptions {
  /** The grant type. */
  grantType: "client_credentials";
}

/** RFC 6749 §4.3.2: the resource owner's password (discouraged by RFC 9700 §2.4; legacy only). */
export interface PasswordGrant extends GrantOptions {
  /** The grant type. */
  grantType: "password";
  /** The resource owner's username. */
  username: string;
  /** The resource owner's password. */
  password: string;
}

/** RFC 6749 §6, asked for by name; `refreshToken()` is the usual way, single-flight. */
export interface RefreshTokenGrant extends GrantOptions {
  /** The grant type. */
  grantType: "refresh_token";
  /** The refresh token. */
  refresh_token: string;
}

/** RFC 7523 §2.1: a JWT as the authorization grant (`JWT_BEARER`). */
export interface JwtBearerGrant extends GrantOptions {
  /** The grant type, `JWT_BEARER`. */
  grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** The JWT. */
  assertion: string;
}

/** RFC 7522 §2.1: a SAML 2.0 assertion as the authorization grant. */
export interface Saml2BearerGrant extends GrantOptions {
  /** The grant type. */
  grantType: "urn:ietf:params:oauth:grant-type:saml2-bearer";
  /** The assertion, base64url-encoded. */
  assertion: string;
}

/** RFC 8693 §2.1: token exchange (`TOKEN_EXCHANGE`), with the token types of `TOKEN_TYPES`. */
export interface TokenExchangeGrant extends GrantOptions {
  /** The grant type, `TOKEN_EXCHANGE`. */
  grantType: "urn:ietf:params:oauth:grant-type:token-exchange";
  /** The token the new one is for. */
  subject_token: string;
  /** Its type, e.g. `TOKEN_TYPES.accessToken`. */
  subject_token_type: string;
  /** The token of the party acting for the subject; needs `actor_token_type`. */
  actor_token?: string;
  /** The type of `actor_token`. */
  actor_token_type?: string;
  /** The type of token wanted. */
  requested_token_type?: string;
  /** The logical name(s) of the target service. */
  audience?: string | string[];
}

/** RFC 8628 §3.4: the device code grant; `pollDeviceToken()` sends it for you. */
export interface DeviceCodeGrant extends GrantOptions {
  /** The grant type, `DEVICE_CODE_GRANT`. */
  grantType: "urn:ietf:params:oauth:grant-type:device_code";
  /** The device code of the device authorization. */
  device_code: string;
}

/** Every grant this library knows by its grant type, each with its own parameters. */
export type KnownGrant =
  | ClientCredentialsGrant
  | PasswordGrant
  | RefreshTokenGrant
  | JwtBearerGrant
  | Saml2BearerGrant
  | TokenExchangeGrant
  | DeviceCodeGrant;

/**
 * An extension grant (RFC 6749 §4.5): its type is an absolute URI, which a known grant's is
 * not, and its parameters are members of their own.
 */
export interface ExtensionGrant<T extends string = `${string}:${string}`> {
  /** The grant type: an absolute URI such as `urn:example:grant-type:x`. */
  grantType: T;
  /** Scope to ask for; by default the client's. */
  scope?: string | string[];
  /** Aborts the token request. */
  signal?: AbortSignal;
  /** Not with a named grant. */
  code?: never;
  /** Not with a named grant. */
  authorizationResponse?: never;
  /** The grant's parameters, sent as given. */
  [parameter: string]: string | string[] | AbortSignal | undefined;
}

/**
 * The grant types an extension grant may have, given the one `fetchToken` inferred: none for a
 * known grant's type (its own shape applies), and else an absolute URI (RFC 6749 §4.5), so that
 * the error for a bare word names the URI form.
 */
export type ExtensionGrantType<T extends string> = T extends KnownGrant["grantType"] ? never
  : T extends `${string}:${string}` ? T
  : `${string}:${string}`;

/** Any grant by its `grant_type`: a known one with its parameters, or an extension grant. */
export type NamedGrant<T extends string = `${string}:${string}`> =
  | KnownGrant
  | ExtensionGrant<ExtensionGrantType<T>>;

/**
 * The argument of `fetchToken()`: each grant is asked for by name, never guessed. `T` is the
 * grant type `fetchToken` infers, so that a known grant type always has its own shape.
 */
export type TokenRequest<T extends string = `${string}:${string}`> =
  | AuthorizationResponseGrant
  | AuthorizationCodeGrant
  | NamedGrant<T>;

/** Lets the caller abort an operation with its own signal. */
export interface WithSignal {
  /** Aborts the caller's wait (a shared refresh goes on for the others). */
  signal?: AbortSignal;
}

/** The claims of a validated ID token. */
export interface IdTokenClaims {
  /**
   * The issuer: the client's `issuer`, exactly; or, with an `issuerTemplate` in force (no
   * issuer, or an alias's such as `common`), the template with the token's own `tid` in place.
   */
  iss: string;
  /** The end user at the issuer. */
  sub: string;
  /** The audience: the client's id, or a list holding it. */
  aud: string | string[];
  /** Expiry, in seconds since the epoch. */
  exp: number;
  /** Issue time, in seconds since the epoch. */
  iat: number;
  /** The time before which the token must not be accepted, in seconds since the epoch. */
  nbf?: number;
  /** The nonce of the authorization request, when one was sent. */
  nonce?: string;
  /** Every other claim, as the issuer signed it. */
  [claim: string]: unknown;
}
