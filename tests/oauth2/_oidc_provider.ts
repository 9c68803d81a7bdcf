/**
 * A real authorization server for the OAuth 2.0 client tests: oidc-provider (the certified
 * OpenID Connect / OAuth 2.0 server for Node.js), run in this process behind `node:http` on a
 * loopback port, with its in-memory storage, its built-in development login and consent pages,
 * and a fixed set of clients, one per client authentication method.
 *
 * ```ts
 * import assert from "node:assert/strict";
 * import { startOidcProvider } from "./_oidc_provider.ts";
 *
 * await using op = await startOidcProvider();
 * const request = new URL(op.authorizationEndpoint);
 * request.search = new URLSearchParams({
 *   response_type: "code",
 *   client_id: op.clients.basic.clientId,
 *   redirect_uri: op.redirectUri,
 *   scope: "openid",
 *   state: "xyz",
 * }).toString();
 * const location = new URL(await op.authorize(request)); // plays the browser
 * assert.equal(location.searchParams.get("state"), "xyz");
 * assert.ok(location.searchParams.has("code")); // for the client to redeem at op.tokenEndpoint
 * ```
 *
 * Notes for the tests:
 * - Endpoint paths are oidc-provider's defaults: `/auth`, `/token`, `/token/introspection`,
 *   `/token/revocation`, `/me`, `/jwks`, `/.well-known/openid-configuration`.
 * - PKCE: only `S256` exists in oidc-provider 9 (`plain` is not configurable), the method must be
 *   sent explicitly, verifiers are 43–128 unreserved characters, and PKCE is required for the
 *   public client.
 * - Refresh tokens are issued to every client allowed the `refresh_token` grant (no
 *   `offline_access` needed) and rotate on every use.
 * - `api:read` is a plain scope (granted like `profile`) and also the scope of the resource
 *   server {@link OidcTestProvider.apiResource}, for RFC 8707 `resource` requests.
 * - oidc-provider treats `client_secret_basic` and `client_secret_post` as interchangeable;
 *   use {@link OidcTestProvider.requests} to check which one a client actually used.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A client authenticated with a shared secret. */
export interface SecretClient {
  clientId: string;
  clientSecret: string;
}

/** A client authenticated with a JWT signed by its private key (`private_key_jwt`). */
export interface KeyClient<Alg extends string> {
  clientId: string;
  privateKey: CryptoKey;
  alg: Alg;
  /** The `kid` of the registered public key. */
  kid: string;
}

/** One request the provider received, as the provider parsed it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed form (or JSON) body, when the endpoint reads one. */
  body: Record<string, unknown> | undefined;
}

/** A running oidc-provider; dispose it to stop it. */
export interface OidcTestProvider {
  /** E.g. `http://127.0.0.1:PORT`, exactly the `issuer` of the discovery document. */
  issuer: string;
  /** The discovery document (`/.well-known/openid-configuration`). */
  metadata: Record<string, unknown>;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  /** Registered for every code-flow client; nothing listens there. */
  redirectUri: string;
  /** A resource indicator (RFC 8707) the provider knows, whose only scope is `api:read`. */
  apiResource: string;
  clients: {
    /** `client_secret_basic` */
    basic: SecretClient;
    /** `client_secret_post` */
    post: SecretClient;
    /** `client_secret_jwt` with HS256; the secret is 64 bytes. */
    secretJwt: SecretClient;
    /** `private_key_jwt` with ES256; the public JWK is in the client's registered `jwks`. */
    privateKeyJwt: KeyClient<"ES256">;
    /** `private_key_jwt` with RS256. */
    privateKeyJwtRsa: KeyClient<"RS256">;
    /** `none`; PKCE is required. */
    public: { clientId: string };
    /** `client_secret_basic`, grant type `client_credentials` only, scope `api:read`. */
    service: SecretClient;
  };
  /**
   * Plays the browser: GETs the authorization URL, follows the provider's own redirects with
   * cookies, signs in as `user` (default "alice") on the login page, confirms the consent
   * page, and returns the Location of the redirect that leaves the provider (to the client's
   * redirect URI, with `code`, `state` and `iss`, or with an error). With `deny: true` it
   * cancels the interaction instead, which yields `error=access_denied`.
   */
  authorize(
    authorizationUrl: string | URL,
    options?: { user?: string; deny?: boolean },
  ): Promise<string>;
  /** How many requests a path (or the path of a URL) received since startup. */
  requestCount(path: string): number;
  /** The requests a path (or the path of a URL) received since startup, oldest first. */
  requests(path: string): RecordedRequest[];
  /** Errors the provider reported as `server_error` (a 500); empty when all is well. */
  serverErrors: unknown[];
  [Symbol.asyncDispose](): Promise<void>;
}

// Only what this file uses of oidc-provider, which ships no type declarations.
interface ProviderModule {
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
interface KoaContext {
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
  grantTypeAllowed(grantType: string): boolean;
}
interface TokenRecord {
  clientId: string;
}

const REDIRECT_URI = "http://127.0.0.1:53682/callback";
const API_RESOURCE = "https://api.example.test/";
const COOKIE_KEYS = ["oidc-test-cookie-key-1-d1f0a7c2b9e4", "oidc-test-cookie-key-2-5c8e3b6a0f17"];
const CODE_FLOW = {
  redirect_uris: [REDIRECT_URI],
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
};
const SECRETS = {
  basic: "basic-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  post: "post-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  secretJwt: "secret-jwt-0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEF",
  service: "service-secret-0123456789abcdefghijklmnopqrstuvwxyz",
};

let providerModule: Promise<ProviderModule> | undefined;
let clientKeys: Promise<ClientKeys> | undefined;

interface ClientKeys {
  ec: KeyPair;
  rsa: KeyPair;
}

interface KeyPair {
  privateKey: CryptoKey;
  /** The public JWK to register, with `alg`, `use` and `kid`. */
  jwk: JsonWebKey;
  kid: string;
}

/**
 * Runs `work` with oidc-provider's start-up notices filtered out of the console. It prints them
 * (unsupported runtime, development-only adapter, keys and login pages) on import and
 * construction; everything else still reaches the console.
 */
async function withoutProviderNotices<T>(work: () => T | Promise<T>): Promise<T> {
  const { info, warn } = console;
  const filter = (original: (...data: unknown[]) => void) => (...data: unknown[]) => {
    if (typeof data[0] === "string" && data[0].startsWith("oidc-provider ")) return;
    original(...data);
  };
  // deno-lint-ignore no-console -- the only way to keep oidc-provider's notices out of test output
  console.info = filter(info);
  // deno-lint-ignore no-console -- see above
  console.warn = filter(warn);
  try {
    return await work();
  } finally {
    // deno-lint-ignore no-console -- see above
    console.info = info;
    // deno-lint-ignore no-console -- see above
    console.warn = warn;
  }
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

/** The private_key_jwt clients' keys, made once per process (RSA key generation is slow). */
function makeClientKeys(): Promise<ClientKeys> {
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
    return { ec, rsa };
  })();
  return clientKeys;
}

function configuration(errors: ProviderModule["errors"], keys: ClientKeys) {
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
    scopes: ["openid", "offline_access", "profile", "email", "api:read"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email", "email_verified"] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, name: sub, email: `${sub}@example.test`, email_verified: true }),
    }),
    features: {
      devInteractions: { enabled: true },
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
    clientBasedCORS: () => false,
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

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()];
    return String.fromCodePoint(
      entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
    );
  });
}

function headerRecord(headers: KoaContext["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

/** A browser's cookie store, reduced to what the provider's interaction cookies need. */
class CookieJar {
  #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(";");
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let path = "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split("=");
        const attributeValue = rest.join("=").trim();
        switch (key.trim().toLowerCase()) {
          case "path":
            path = attributeValue || "/";
            break;
          case "expires":
            if (Date.parse(attributeValue) <= Date.now()) expired = true;
            break;
          case "max-age":
            if (Number(attributeValue) <= 0) expired = true;
            break;
        }
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter(({ path }) =>
        url.pathname === path || url.pathname.startsWith(path.endsWith("/") ? path : `${path}/`)
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

/** The first form of a page: its action and its named inputs' values. */
function parseForm(html: string, base: URL): { action: URL; fields: Map<string, string> } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the page:\n${html}`);
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
  const action = new URL(unescapeHtml(attribute(form[1], "action") ?? ""), base);
  const fields = new Map<string, string>();
  for (const [input] of form[2].matchAll(/<(?:input|button)\b[^>]*>/gi)) {
    const name = attribute(input, "name");
    if (name !== undefined) {
      fields.set(unescapeHtml(name), unescapeHtml(attribute(input, "value") ?? ""));
    }
  }
  return { action, fields };
}

/** Starts oidc-provider on a free loopback port. */
export async function startOidcProvider(): Promise<OidcTestProvider> {
  const [{ Provider, errors }, keys] = await Promise.all([
    providerModule ??= withoutProviderNotices(async () =>
      (await import("oidc-provider")) as unknown as ProviderModule
    ),
    makeClientKeys(),
  ]);

  const log = new Map<string, RecordedRequest[]>();
  const counts = new Map<string, number>();
  const serverErrors: unknown[] = [];
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  try {
    const provider = await withoutProviderNotices(() =>
      new Provider(issuer, configuration(errors, keys))
    );
    provider.on("server_error", (_ctx, error) => serverErrors.push(error));
    provider.use(async (ctx, next) => {
      try {
        await next();
      } finally {
        const entries = log.get(ctx.path) ?? [];
        entries.push({
          method: ctx.method,
          path: ctx.path,
          headers: headerRecord(ctx.headers),
          body: ctx.oidc?.body === undefined ? undefined : { ...ctx.oidc.body },
        });
        log.set(ctx.path, entries);
      }
    });
    handle = provider.callback();

    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!discovery.ok) {
      throw new Error(`discovery failed: ${discovery.status} ${await discovery.text()}`);
    }
    const metadata = await discovery.json() as Record<string, unknown>;
    counts.clear();
    log.clear();

    const providerOrigin = new URL(issuer).origin;
    const pathOf = (path: string) => path.startsWith("http") ? new URL(path).pathname : path;

    return {
      issuer: metadata.issuer as string,
      metadata,
      authorizationEndpoint: metadata.authorization_endpoint as string,
      tokenEndpoint: metadata.token_endpoint as string,
      revocationEndpoint: metadata.revocation_endpoint as string,
      introspectionEndpoint: metadata.introspection_endpoint as string,
      userinfoEndpoint: metadata.userinfo_endpoint as string,
      jwksUri: metadata.jwks_uri as string,
      redirectUri: REDIRECT_URI,
      apiResource: API_RESOURCE,
      clients: {
        basic: { clientId: "basic-client", clientSecret: SECRETS.basic },
        post: { clientId: "post-client", clientSecret: SECRETS.post },
        secretJwt: { clientId: "secret-jwt-client", clientSecret: SECRETS.secretJwt },
        privateKeyJwt: {
          clientId: "private-key-jwt-client",
          privateKey: keys.ec.privateKey,
          alg: "ES256",
          kid: keys.ec.kid,
        },
        privateKeyJwtRsa: {
          clientId: "private-key-jwt-rsa-client",
          privateKey: keys.rsa.privateKey,
          alg: "RS256",
          kid: keys.rsa.kid,
        },
        public: { clientId: "public-client" },
        service: { clientId: "service-client", clientSecret: SECRETS.service },
      },
      async authorize(authorizationUrl, { user = "alice", deny = false } = {}) {
        const jar = new CookieJar();
        let url = new URL(authorizationUrl);
        let init: { method: string; body?: URLSearchParams } = { method: "GET" };
        for (let step = 0; step < 20; step++) {
          const cookie = jar.header(url);
          const response = await fetch(url, {
            ...init,
            redirect: "manual",
            headers: cookie ? { cookie } : {},
          });
          jar.store(response.headers.getSetCookie());
          const location = response.headers.get("location");
          if (response.status >= 300 && response.status < 400 && location !== null) {
            await response.body?.cancel();
            const next = new URL(location, url);
            if (next.origin !== providerOrigin) return next.href;
            url = next;
            init = { method: "GET" };
            continue;
          }
          const page = await response.text();
          if (response.status !== 200) {
            throw new Error(`authorize: ${response.status} from ${url.pathname}:\n${page}`);
          }
          if (deny) {
            const abort = /<a\b[^>]*\bhref\s*=\s*"([^"]*\/abort)"/i.exec(page);
            if (!abort) throw new Error(`authorize: no way to cancel on ${url.pathname}:\n${page}`);
            url = new URL(unescapeHtml(abort[1]), url);
            init = { method: "GET" };
            continue;
          }
          const { action, fields } = parseForm(page, url);
          if (fields.get("prompt") === "login") {
            fields.set("login", user);
            fields.set("password", "any password");
          } else if (fields.get("prompt") !== "consent") {
            throw new Error(`authorize: unexpected page at ${url.pathname}:\n${page}`);
          }
          url = action;
          init = { method: "POST", body: new URLSearchParams([...fields]) };
        }
        throw new Error("authorize: too many steps");
      },
      requestCount: (path) => counts.get(pathOf(path)) ?? 0,
      requests: (path) => [...(log.get(pathOf(path)) ?? [])],
      serverErrors,
      async [Symbol.asyncDispose]() {
        await closeServer(server);
      },
    };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => error ? reject(error) : resolve());
    server.closeAllConnections();
  });
}
