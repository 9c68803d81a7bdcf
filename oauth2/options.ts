/**
 * The options of `OAuth2Client`, checked once at construction, with those the server's
 * metadata supplies (RFC 8414).
 *
 * @module
 */
import { timeoutOption } from "../_deadline.ts";
import { type CrossOriginRedirect, crossOriginRedirectOption } from "../_redirects.ts";
import {
  expectNonEmptyString,
  expectObject,
  expectType,
  parseSecureUrl,
  typeOf,
} from "../_transport.ts";
import { compose, type Hooks } from "../_hooks.ts";
import { OAuthError } from "../errors.ts";
import type { FetchLike } from "../_send.ts";
import {
  assertRedirectUri,
  checkAuthorizationParams,
  type PkceMethod,
  pkceOption,
  scopeString,
} from "./authorization.ts";
import {
  authenticateClient,
  CLIENT_AUTHENTICATION_METHODS,
  type ClientAuthentication,
  type ClientSecret,
} from "./client_auth.ts";
import { type EndpointOption, type EndpointOptions, ENDPOINTS } from "./_endpoint.ts";
import { jwsKey } from "./_jwt_signing.ts";
import { checkIssuer } from "./callback.ts";
import {
  checkIssuerTemplate,
  combineIssuerOptions,
  fitsIssuerTemplate,
  metadataIssuerFits,
} from "./_tenant_issuers.ts";
import type { AuthorizationServerMetadata } from "./discovery.ts";
import { checkStoredToken } from "./token.ts";
import { MemoryTokenStore, type TokenStore } from "./token_store.ts";
import type { ProfileReader } from "./profile.ts";
import type { Token } from "./types.ts";

/** Where `sign()` puts the access token (RFC 6750 §2). */
export type TokenPlacement = "header" | "query" | "body";

/** Options of {@linkcode OAuth2Client}. */
export interface OAuth2ClientOptions {
  /** The client identifier (RFC 6749 §2.2). */
  clientId: string;
  /**
   * The client secret, for confidential clients; or a function that makes one for each token,
   * revocation, introspection, PAR or device request, for providers whose secret is a
   * short-lived JWT (Sign in with Apple). What it throws aborts the request.
   */
  clientSecret?: ClientSecret;
  /** Where users are sent to authorize (RFC 6749 §3.1). */
  authorizationEndpoint?: string;
  /** Where tokens are obtained and refreshed (RFC 6749 §3.2). */
  tokenEndpoint?: string;
  /** RFC 7009 token revocation. */
  revocationEndpoint?: string;
  /** RFC 7662 token introspection. */
  introspectionEndpoint?: string;
  /** RFC 8628 device authorization. */
  deviceAuthorizationEndpoint?: string;
  /** RFC 9126 pushed authorization requests. */
  pushedAuthorizationRequestEndpoint?: string;
  /** OpenID Connect userinfo (Core §5.3), for `userinfo()`. */
  userinfoEndpoint?: string;
  /** The issuer's JWK Set, to verify ID tokens; from the metadata when discovered. */
  jwksUri?: string;
  /**
   * OpenID Connect RP-Initiated Logout 1.0 §2: where `endSessionUrl()` sends the browser to log
   * the user out at the provider; from the metadata's `end_session_endpoint` when discovered.
   */
  endSessionEndpoint?: string;
  /**
   * The authorization server's issuer identifier (RFC 8414): checked against `iss` (RFC 9207,
   * OpenID Connect Core §3.1.3.7) and used as the audience of client assertions. Beside
   * `issuerTemplate`, see there.
   */
  issuer?: string;
  /**
   * The issuer of a multi-tenant server, with `{tenantid}` as one whole path segment for the
   * tenant's id, a GUID (Microsoft Entra ID's `https://login.microsoftonline.com/{tenantid}/v2.0`):
   * an ID token's `iss` must be it with its own `tid` in place (a token without a GUID `tid` is
   * refused), and a callback's `iss` some tenant's. Beside it, `issuer` must be either:
   * - an alias's by it (`common`, `organizations`, `consumers` or a tenant's domain in place of
   *   `{tenantid}`): where the metadata is; the template checks each token, and discovery of it
   *   accepts metadata naming the template, or one tenant's issuer by it (which then pins the
   *   client to that tenant: its issuer, exactly);
   * - one tenant's issuer by it: that issuer wins, and is the only one accepted, exactly;
   * anything else is a `TypeError`.
   */
  issuerTemplate?: string;
  /** The redirect URI registered for this client. */
  redirectUri?: string;
  /** The default scope, as a string or a list. */
  scope?: string | string[];
  /** A stored token to start with (in a `MemoryTokenStore`; give a store its own token instead). */
  token?: Token;
  /**
   * Where the token is kept; default a `MemoryTokenStore` of this client's. A shared store
   * (`DenoKvTokenStore`, …) makes instances refresh once between them.
   */
  store?: TokenStore;
  /** Default `client_secret_basic` with a secret, `none` without one. */
  clientAuthentication?: ClientAuthentication;
  /** The private key for `private_key_jwt` (RS*, PS*, ES*, Ed25519). */
  privateKey?: CryptoKey;
  /** `aud` of client assertions, when it must be something else than the issuer (or, without one, the endpoint). */
  clientAssertionAudience?: string;
  /** PKCE method; default `S256`; `false` disables PKCE. */
  pkce?: PkceMethod | false;
  /**
   * Send a `nonce` with every authorization request, also without the `openid` scope (Sign in
   * with Apple's `name email`); default `false`, a nonce only for `openid`. The code's
   * redemption then needs it (`fetchToken({ nonce })`, a `TypeError` without it), and the ID
   * token must carry it (OpenID Connect Core §3.1.2.1, §3.1.3.7; RFC 9700 §2.1.1, §4.5).
   */
  nonce?: boolean;
  /**
   * Parameters every authorization URL carries (a provider's `access_type: "offline"`, say);
   * `authorizationUrl(params)` overrides them one by one. The client's own parameters
   * (`state`, PKCE, …) cannot be set here either.
   */
  authorizationParams?: Record<string, string | string[]>;
  /** Push every authorization request (RFC 9126); also when the metadata requires it. */
  par?: boolean;
  /**
   * A key pair to bind tokens to (DPoP, RFC 9449): ES256 (`ECDSA` P-256) is the usual choice;
   * RS*, PS*, other ES* and Ed25519 work too. Token and resource requests then carry proofs.
   */
  dpop?: CryptoKeyPair;
  /**
   * Refuse a callback without `iss` (RFC 9207 §2.4): for servers that always send it. Set from
   * the metadata's `authorization_response_iss_parameter_supported`.
   */
  requireIss?: boolean;
  /**
   * The server's metadata (what {@linkcode discoverMetadata} returns): the issuer, endpoints,
   * PKCE and client authentication are taken from it where these options leave them out.
   */
  metadata?: AuthorizationServerMetadata;
  /** Where `sign()` puts the token; default the `Authorization` header. */
  tokenPlacement?: TokenPlacement;
  /** Compliance fixes, run in order. */
  hooks?: Hooks | Hooks[];
  /** Called, and awaited, with every new token (after a grant or a refresh). */
  onTokenUpdated?: (token: Token) => void | Promise<void>;
  /**
   * How `profile()` reads the signed-in user from the provider's APIs (a preset's); without
   * it, from OpenID Connect's standard claims (userinfo, else the ID token).
   */
  profile?: ProfileReader;
  /** Refresh this many seconds before `expires_at`; default 30. */
  refreshLeeway?: number;
  /** Seconds of clock difference allowed when checking an ID token's `exp`, `iat` and `nbf`; default 60. */
  clockTolerance?: number;
  /** Deadline of each exchange with a server, in milliseconds; default 30 000, `0` for none. */
  timeout?: number;
  /** A redirect of `client.fetch` to another origin: followed without the token, or refused. */
  crossOriginRedirect?: CrossOriginRedirect;
  /** The `fetch` to send requests with; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** The clock, in milliseconds; default `Date.now`. */
  now?: () => number;
  /**
   * Allow `http:` endpoints, issuers and resources that are not loopback (a docker-compose
   * Keycloak at `http://keycloak:8080`, say). Default `false`: only `https:`, and `http:` on
   * loopback. Tokens and secrets then cross the network in clear text: for development only.
   */
  allowInsecureRequests?: boolean;
}

/** The options after checking, with their defaults applied. */
export interface ResolvedOptions extends EndpointOptions {
  issuerTemplate?: string;
  requireIss: boolean;
  par: boolean;
  dpop?: CryptoKeyPair;
  metadata?: AuthorizationServerMetadata;
  redirectUri?: string;
  scope?: string;
  token?: Token;
  store: TokenStore;
  pkce: PkceMethod | false;
  nonce: boolean;
  authorizationParams: Record<string, string | string[]>;
  tokenPlacement: TokenPlacement;
  hooks: Hooks;
  onTokenUpdated?: (token: Token) => void | Promise<void>;
  profile?: ProfileReader;
  refreshLeeway: number;
  clockTolerance: number;
  timeout: number;
  crossOriginRedirect: CrossOriginRedirect;
  fetch?: FetchLike;
}

const KNOWN = new Set<string>([
  ...ENDPOINTS,
  "clientId",
  "clientSecret",
  "issuer",
  "issuerTemplate",
  "redirectUri",
  "scope",
  "token",
  "store",
  "clientAuthentication",
  "privateKey",
  "clientAssertionAudience",
  "pkce",
  "nonce",
  "authorizationParams",
  "requireIss",
  "par",
  "dpop",
  "metadata",
  "tokenPlacement",
  "hooks",
  "onTokenUpdated",
  "profile",
  "refreshLeeway",
  "clockTolerance",
  "timeout",
  "crossOriginRedirect",
  "fetch",
  "now",
  "allowInsecureRequests",
]);
const NEEDS_SECRET = new Set(["client_secret_basic", "client_secret_post", "client_secret_jwt"]);

/** Checks every option; returns them resolved, or throws a `TypeError` naming the option. */
export function resolveOAuth2Options(given: OAuth2ClientOptions): ResolvedOptions {
  expectObject(given, "OAuth2Client options");
  const unknown = Object.keys(given).find((name) => !KNOWN.has(name));
  if (unknown !== undefined) throw new TypeError(`unknown OAuth2Client option "${unknown}"`);
  expectType(given.requireIss, "requireIss", "boolean");
  expectType(given.par, "par", "boolean");
  expectType(given.nonce, "nonce", "boolean");
  expectType(given.allowInsecureRequests, "allowInsecureRequests", "boolean");
  const allowInsecureRequests = given.allowInsecureRequests ?? false;
  const options = optionsFromMetadata(given);
  expectNonEmptyString(options.clientId, "clientId");
  if (typeof options.clientSecret !== "function") {
    expectType(options.clientSecret, "clientSecret", "string");
  }
  expectType(options.clientAssertionAudience, "clientAssertionAudience", "string");
  for (const name of ["onTokenUpdated", "profile", "fetch", "now"] as const) {
    expectType(options[name], name, "function");
  }
  const endpoints: Partial<Record<EndpointOption, string>> = {};
  for (const name of ENDPOINTS) {
    if (options[name] === undefined) continue;
    endpoints[name] = parseSecureUrl(options[name], name, name, allowInsecureRequests).href;
  }
  if (options.clientSecret === "") {
    throw new TypeError("clientSecret must not be empty; leave it out for a public client");
  }
  const clientAuthentication = options.clientAuthentication ??
    (options.clientSecret !== undefined ? "client_secret_basic" : "none");
  if (!CLIENT_AUTHENTICATION_METHODS.includes(clientAuthentication)) {
    throw new TypeError(
      `clientAuthentication must be one of ${CLIENT_AUTHENTICATION_METHODS.join(", ")}`,
    );
  }
  if (NEEDS_SECRET.has(clientAuthentication) && !options.clientSecret) {
    throw new TypeError(`clientAuthentication ${clientAuthentication} needs clientSecret`);
  }
  if (clientAuthentication === "none" && options.clientSecret !== undefined) {
    throw new TypeError('clientSecret is not used by clientAuthentication "none"');
  }
  if ((clientAuthentication === "private_key_jwt") !== (options.privateKey !== undefined)) {
    throw new TypeError(
      "privateKey is needed by, and only used by, clientAuthentication private_key_jwt",
    );
  }
  if (options.privateKey !== undefined && !(options.privateKey instanceof CryptoKey)) {
    throw new TypeError(`privateKey must be a CryptoKey, got ${typeOf(options.privateKey)}`);
  }
  const pkce = pkceOption(options.pkce);
  const tokenPlacement = options.tokenPlacement ?? "header";
  if (!["header", "query", "body"].includes(tokenPlacement)) {
    throw new TypeError('tokenPlacement must be "header", "query" or "body"');
  }
  if (options.dpop !== undefined && tokenPlacement !== "header") {
    throw new TypeError("DPoP tokens go in the Authorization header: leave tokenPlacement out");
  }
  const [refreshLeeway, clockTolerance] = (["refreshLeeway", "clockTolerance"] as const).map(
    (name) => {
      const value = options[name] ?? (name === "refreshLeeway" ? 30 : 60);
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`${name} must be a non-negative number of seconds`);
      }
      return value;
    },
  );
  if (options.redirectUri !== undefined) assertRedirectUri(options.redirectUri, "redirectUri");
  const issuer = checkIssuer(options.issuer, allowInsecureRequests);
  // One tenant's issuer beside the template wins (the template is dropped); an alias's keeps it.
  const issuerTemplate = combineIssuerOptions(
    issuer,
    checkIssuerTemplate(options.issuerTemplate, allowInsecureRequests),
  );
  const hooks = options.hooks === undefined
    ? {}
    : compose(...(Array.isArray(options.hooks) ? options.hooks : [options.hooks]));
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    endpoints,
    issuer,
    issuerTemplate,
    allowInsecureRequests,
    requireIss: options.requireIss ?? false,
    par: options.par ?? false,
    dpop: options.dpop,
    metadata: options.metadata,
    redirectUri: options.redirectUri,
    scope: scopeString(options.scope),
    token: options.token === undefined ? undefined : checkStoredToken(options.token, "token"),
    store: options.store === undefined
      ? new MemoryTokenStore(options.token)
      : checkStore(options.store, options.token),
    clientAuthentication,
    authenticate: authenticateClient,
    privateKey: options.privateKey && jwsKey(options.privateKey, "privateKey"),
    clientAssertionAudience: options.clientAssertionAudience,
    pkce,
    nonce: options.nonce ?? false,
    authorizationParams: checkAuthorizationParams(options.authorizationParams),
    tokenPlacement,
    hooks,
    onTokenUpdated: options.onTokenUpdated,
    profile: options.profile,
    refreshLeeway,
    clockTolerance,
    timeout: timeoutOption(options.timeout),
    crossOriginRedirect: crossOriginRedirectOption(options.crossOriginRedirect),
    fetch: options.fetch,
    now: options.now ?? Date.now,
  };
}

/**
 * PKCE for a discovered server: S256 unless the server lists its methods without S256, which
 * is refused rather than downgraded (RFC 9700 §2.1.1).
 */
function pkceFromMetadata(
  metadata: AuthorizationServerMetadata,
  configured: PkceMethod | false | undefined,
): PkceMethod | false {
  if (configured !== undefined) return configured;
  const supported = metadata.code_challenge_methods_supported;
  if (supported === undefined || supported.includes("S256")) return "S256";
  throw new OAuthError(
    "pkce_s256_unsupported",
    `the server lists code_challenge_methods_supported without S256; the client does not downgrade`,
  );
}

/**
 * The client authentication for a discovered server: the configured one, which the server
 * must list, or the first the server supports of what the client can do with its credentials.
 */
function clientAuthenticationFromMetadata(
  metadata: AuthorizationServerMetadata,
  configured: ClientAuthentication | undefined,
  credentials: { clientSecret?: ClientSecret; privateKey?: CryptoKey },
): ClientAuthentication {
  const listed = metadata.token_endpoint_auth_methods_supported;
  const candidates: ClientAuthentication[] = configured
    ? [configured]
    : credentials.privateKey
    ? ["private_key_jwt"]
    : credentials.clientSecret
    ? ["client_secret_basic", "client_secret_post", "client_secret_jwt"]
    : ["none"];
  // Without the list, RFC 8414 §2 means client_secret_basic; a public client can only hope.
  if (listed === undefined) {
    return candidates.includes("client_secret_basic") ? "client_secret_basic" : candidates[0];
  }
  const chosen = candidates.find((method) => listed.includes(method));
  if (chosen === undefined) {
    throw new OAuthError(
      "unsupported_auth_method",
      `the server supports ${listed.join(", ")} for client authentication, not ${
        candidates.join(" or ")
      }`,
    );
  }
  return chosen;
}

/** The client options that metadata supplies, where the caller did not set them. */
function optionsFromMetadata<
  T extends {
    metadata?: AuthorizationServerMetadata;
    issuer?: string;
    pkce?: PkceMethod | false;
    clientAuthentication?: ClientAuthentication;
    clientSecret?: ClientSecret;
    privateKey?: CryptoKey;
    requireIss?: boolean;
    issuerTemplate?: string;
  },
>(options: T): T {
  const metadata = options.metadata;
  if (metadata === undefined) return options;
  if (typeof metadata !== "object" || metadata === null || typeof metadata.issuer !== "string") {
    throw new TypeError("metadata must be an object with the issuer, as discoverMetadata returns");
  }
  const template = options.issuerTemplate;
  // The issuer given must be the metadata's exactly (RFC 8414 §3.3), unless it is an alias's
  // by the template, whose metadata names the template or the one tenant it stands for.
  if (
    options.issuer !== undefined && !metadataIssuerFits(options.issuer, metadata.issuer, template)
  ) {
    throw new TypeError(
      `issuer ${JSON.stringify(options.issuer)} is not the metadata's issuer ${
        JSON.stringify(metadata.issuer)
      }`,
    );
  }
  const templated = template !== undefined && fitsIssuerTemplate(template, metadata.issuer);
  const endpoints: Record<string, string | undefined> = {
    authorizationEndpoint: metadata.authorization_endpoint,
    tokenEndpoint: metadata.token_endpoint,
    revocationEndpoint: metadata.revocation_endpoint,
    introspectionEndpoint: metadata.introspection_endpoint,
    deviceAuthorizationEndpoint: metadata.device_authorization_endpoint,
    pushedAuthorizationRequestEndpoint: metadata.pushed_authorization_request_endpoint,
    userinfoEndpoint: metadata.userinfo_endpoint,
    jwksUri: metadata.jwks_uri,
    endSessionEndpoint: metadata.end_session_endpoint,
  };
  const given = options as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...options, issuer: metadata.issuer };
  if (templated && metadata.issuer === template) {
    // The template names no tenant: the client keeps the issuer it was given, if any.
    merged.issuer = options.issuer;
  } else if (templated) {
    // One tenant's metadata: its ID tokens must be that tenant's, exactly.
    merged.issuerTemplate = undefined;
  }
  for (const [name, value] of Object.entries(endpoints)) {
    if (given[name] === undefined && value !== undefined) merged[name] = value;
  }
  merged.pkce = pkceFromMetadata(metadata, options.pkce);
  merged.clientAuthentication = clientAuthenticationFromMetadata(
    metadata,
    options.clientAuthentication,
    options,
  );
  merged.requireIss = options.requireIss ??
    metadata.authorization_response_iss_parameter_supported === true;
  return merged as T;
}

/** A store of the caller's: the four methods of `TokenStore`, and no second token beside it. */
function checkStore(store: unknown, token: Token | undefined): TokenStore {
  const methods = ["get", "set", "delete", "withLock"];
  if (
    typeof store !== "object" || store === null ||
    methods.some((name) => typeof (store as Record<string, unknown>)[name] !== "function")
  ) {
    throw new TypeError(
      `store must have get, set, delete and withLock methods, got ${typeOf(store)}`,
    );
  }
  if (token !== undefined) {
    throw new TypeError("token and store both give a token: put the token in the store");
  }
  return store as TokenStore;
}
