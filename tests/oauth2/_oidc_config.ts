/**
 * How the test oidc-provider is set up: its registered clients (one per client authentication
 * method, with their secrets and the key pairs of the `private_key_jwt` clients), scopes, claims,
 * features, policies and lifetimes, and the few types of oidc-provider this setup relies on.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";

// Only what the test provider uses of oidc-provider, which ships no type declarations.
export interface ProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => Provider;
  errors: {
    InvalidRequest: new (description: string) => Error;
    InvalidTarget: new (description?: string) => Error;
  };
}
interface Provider {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, listener: (ctx: unknown, error: unknown) => void): void;
}
export interface KoaContext {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  oidc?: { body?: Record<string, unknown> };
  type: string;
  body: unknown;
}
interface ClientRecord {
  clientId: string;
  clientAuthMethod: string;
  redirectUris: string[];
  grantTypeAllowed(grantType: string): boolean;
}
interface TokenRecord {
  clientId: string;
}

// The app tests serve this port on loopback. It lies below Linux's ephemeral range (32768-60999),
// so the outgoing connections of other tests (Redis, fetch) can never be holding it: at 53682 a
// CI run once found it taken and every app test failed with AddrInUse.
export const REDIRECT_URI = "http://127.0.0.1:27182/callback";
/** Where the provider may send the browser after an RP-initiated logout of a code-flow client. */
export const POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:27182/logged-out";
export const API_RESOURCE = "https://api.example.test/";
const COOKIE_KEYS = ["oidc-test-cookie-key-1-d1f0a7c2b9e4", "oidc-test-cookie-key-2-5c8e3b6a0f17"];
const CODE_FLOW = {
  redirect_uris: [REDIRECT_URI],
  post_logout_redirect_uris: [POST_LOGOUT_REDIRECT_URI],
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
};
// The clients of the README's quick start, with the redirect URI it prints (its app serves on
// port 8000); `npm run provider` serves them on port 3000.
export const QUICKSTART = {
  clientId: "quickstart",
  clientSecret: "quickstart-secret",
  redirectUri: "http://127.0.0.1:8000/callback",
  postLogoutRedirectUri: "http://127.0.0.1:8000/",
  serviceId: "quickstart-service",
  serviceSecret: "quickstart-service-secret",
};
export const SECRETS = {
  basic: "basic-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  post: "post-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  secretJwt: "secret-jwt-0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEF",
  service: "service-secret-0123456789abcdefghijklmnopqrstuvwxyz",
};

let clientKeys: Promise<ClientKeys> | undefined;

export interface ClientKeys {
  ec: KeyPair;
  rsa: KeyPair;
  /** The provider's own signing keys (private JWKs): RS256 and ES256, for ID tokens. */
  provider: JsonWebKey[];
}

interface KeyPair {
  privateKey: CryptoKey;
  /** The public JWK to register, with `alg`, `use` and `kid`. */
  jwk: JsonWebKey;
  kid: string;
}

async function keyPair(
  algorithm: EcKeyGenParams | RsaHashedKeyGenParams,
  alg: string,
  kid: string,
): Promise<KeyPair> {
  const pair = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  delete jwk.key_ops;
  delete jwk.ext;
  return { privateKey: pair.privateKey, jwk: { ...jwk, alg, use: "sig", kid } as JsonWebKey, kid };
}

/** A private signing JWK for the provider's keystore. */
async function providerKey(
  algorithm: EcKeyGenParams | RsaHashedKeyGenParams,
  kid: string,
): Promise<JsonWebKey> {
  const pair = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const { kty, n, e, d, p, q, dp, dq, qi, crv, x, y } = await crypto.subtle.exportKey(
    "jwk",
    pair.privateKey,
  );
  return { kty, n, e, d, p, q, dp, dq, qi, crv, x, y, use: "sig", kid } as JsonWebKey;
}

/** The private_key_jwt clients' keys, made once per process (RSA key generation is slow). */
export function makeClientKeys(): Promise<ClientKeys> {
  clientKeys ??= (async () => {
    const [ec, rsa] = await Promise.all([
      keyPair({ name: "ECDSA", namedCurve: "P-256" }, "ES256", "client-es256"),
      keyPair(
        {
          name: "RSASSA-PKCS1-v1_5",
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: "SHA-256",
        },
        "RS256",
        "client-rs256",
      ),
    ]);
    const provider = await Promise.all([
      providerKey(
        {
          name: "RSASSA-PKCS1-v1_5",
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: "SHA-256",
        },
        "op-rs256",
      ),
      providerKey({ name: "ECDSA", namedCurve: "P-256" }, "op-es256"),
    ]);
    return { ec, rsa, provider };
  })();
  return clientKeys;
}

export function configuration(errors: ProviderModule["errors"], keys: ClientKeys) {
  return {
    clients: [
      {
        client_id: "basic-client",
        client_secret: SECRETS.basic,
        token_endpoint_auth_method: "client_secret_basic",
        ...CODE_FLOW,
      },
      {
        client_id: "post-client",
        client_secret: SECRETS.post,
        token_endpoint_auth_method: "client_secret_post",
        ...CODE_FLOW,
      },
      {
        client_id: "secret-jwt-client",
        client_secret: SECRETS.secretJwt,
        token_endpoint_auth_method: "client_secret_jwt",
        token_endpoint_auth_signing_alg: "HS256",
        ...CODE_FLOW,
      },
      {
        client_id: "private-key-jwt-client",
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: "ES256",
        jwks: { keys: [keys.ec.jwk] },
        ...CODE_FLOW,
      },
      {
        client_id: "private-key-jwt-rsa-client",
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: "RS256",
        jwks: { keys: [keys.rsa.jwk] },
        ...CODE_FLOW,
      },
      { client_id: "public-client", token_endpoint_auth_method: "none", ...CODE_FLOW },
      {
        client_id: "device-client",
        token_endpoint_auth_method: "none",
        grant_types: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: "es256-id-token-client",
        token_endpoint_auth_method: "none",
        id_token_signed_response_alg: "ES256",
        ...CODE_FLOW,
      },
      {
        client_id: QUICKSTART.clientId,
        client_secret: QUICKSTART.clientSecret,
        token_endpoint_auth_method: "client_secret_basic",
        ...CODE_FLOW,
        redirect_uris: [QUICKSTART.redirectUri],
        post_logout_redirect_uris: [QUICKSTART.postLogoutRedirectUri],
      },
      {
        client_id: QUICKSTART.serviceId,
        client_secret: QUICKSTART.serviceSecret,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        scope: "api:read",
      },
      {
        client_id: "service-client",
        client_secret: SECRETS.service,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        scope: "api:read",
      },
    ],
    cookies: { keys: COOKIE_KEYS },
    jwks: { keys: keys.provider },
    scopes: ["openid", "offline_access", "profile", "email", "api:read"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email", "email_verified"] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, name: sub, email: `${sub}@example.test`, email_verified: true }),
    }),
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      // Every DPoP proof must carry a server nonce: the client meets use_dpop_nonce at the token
      // endpoint and at userinfo, and must retry once with the nonce.
      dPoP: { enabled: true, nonceSecret: Buffer.alloc(32, 7), requireNonce: () => true },
      clientCredentials: { enabled: true },
      // Confidential clients may look at any token, public clients at their own only.
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx: unknown, client: ClientRecord, token: TokenRecord) =>
          client.clientAuthMethod !== "none" || token.clientId === client.clientId,
      },
      // A client may revoke its own tokens; another client's token is refused (public: ignored).
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx: unknown, client: ClientRecord, token: TokenRecord) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === "none") return false;
          throw new errors.InvalidRequest("client is not authorized to revoke the presented token");
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return { scope: "api:read", audience: API_RESOURCE, accessTokenFormat: "opaque" };
        },
      },
    },
    issueRefreshToken: (_ctx: unknown, client: ClientRecord) =>
      client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    expiresWithSession: () => false,
    // A browser app (the Chromium suite) may call the provider cross-origin only as a public
    // client, and only from the origin of one of its registered redirect URIs.
    clientBasedCORS: (_ctx: unknown, origin: string, client: ClientRecord) =>
      client.clientAuthMethod === "none" &&
      client.redirectUris.some((uri) => new URL(uri).origin === origin),
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      IdToken: 3600,
      RefreshToken: 86400,
      Interaction: 600,
      Session: 86400,
      Grant: 86400,
    },
    // The error page a browser would see (bad client_id or redirect_uri): plain JSON, for tests.
    renderError: (ctx: KoaContext, out: Record<string, unknown>) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
}
