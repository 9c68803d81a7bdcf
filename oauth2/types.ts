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
  /** The OpenID Connect `nonce`, when the scope includes `openid`. */
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

/** The authorization-code grant from the redirect URL, which is checked first (state, iss). */
export interface AuthorizationResponseGrant {
  /** The URL the user came back with (the whole callback URL). */
  authorizationResponse: string | URL;
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
}

/** Any grant by its `grant_type`, with its parameters (`client_credentials`, `password`, …). */
export interface NamedGrant {
  /** `client_credentials`, `password`, `urn:ietf:params:oauth:grant-type:jwt-bearer`, or any URI. */
  grantType: string;
  /** Scope to ask for; by default the client's. */
  scope?: string | string[];
  /** The other parameters of the grant, e.g. `username`, `password`, `assertion`. */
  [parameter: string]: string | string[] | AbortSignal | undefined;
}

/** The argument of `fetchToken()`: each grant is asked for by name, never guessed. */
export type TokenRequest = (AuthorizationResponseGrant | AuthorizationCodeGrant | NamedGrant) & {
  /** Aborts the token request. */
  signal?: AbortSignal;
};

/** Lets the caller abort an operation with its own signal. */
export interface WithSignal {
  /** Aborts the caller's wait (a shared refresh goes on for the others). */
  signal?: AbortSignal;
}
