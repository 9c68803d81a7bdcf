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
 * The provider's setup (clients, scopes, policies) is in `_oidc_config.ts`; the browser that
 * {@link OidcTestProvider.authorize} plays is in `_oidc_browser.ts`.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authorizeAsBrowser, confirmDeviceAsBrowser } from "./_oidc_browser.ts";
import type { AuthorizationUrlParams, OAuth2Client, Token } from "../../oauth2/mod.ts";
import {
  API_RESOURCE,
  configuration,
  type KoaContext,
  makeClientKeys,
  type ProviderModule,
  REDIRECT_URI,
  SECRETS,
} from "./_oidc_config.ts";

/** The members of the provider that are also a client's options. */
type ClientOption =
  | "issuer"
  | "authorizationEndpoint"
  | "tokenEndpoint"
  | "revocationEndpoint"
  | "introspectionEndpoint"
  | "userinfoEndpoint"
  | "jwksUri"
  | "redirectUri";

/** The part of an `OAuth2Client` that `signIn` drives. */
type CodeFlowClient = Pick<OAuth2Client, "authorizationUrl" | "fetchToken">;

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
    /** `none`, for the device flow (RFC 8628), with refresh tokens. */
    device: { clientId: string };
    /** `none`, with ID tokens signed ES256 (the others get RS256). */
    es256IdToken: { clientId: string };
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
  /**
   * Plays the user of the device flow: enters `userCode` at `verificationUri`, confirms the
   * device (or aborts with `deny: true`), signs in as `user` and consents. Answers the text of
   * the provider's last page.
   */
  confirmDevice(
    verificationUri: string,
    userCode: string,
    options?: { user?: string; deny?: boolean },
  ): Promise<string>;
  /**
   * What every client of this provider is configured with: the issuer, each endpoint, the JWK
   * Set and the registered redirect URI. Spread it, then add the client and its scope.
   */
  clientOptions: Pick<OidcTestProvider, ClientOption>;
  /**
   * The code flow of `client` as alice: its authorization URL, the provider's pages, and the
   * callback redeemed with the state, verifier and nonce of that URL.
   */
  signIn(client: CodeFlowClient, params?: AuthorizationUrlParams): Promise<Token>;
  /** How many requests a path (or the path of a URL) received since startup. */
  requestCount(path: string): number;
  /** The requests a path (or the path of a URL) received since startup, oldest first. */
  requests(path: string): RecordedRequest[];
  /** Errors the provider reported as `server_error` (a 500); empty when all is well. */
  serverErrors: unknown[];
  [Symbol.asyncDispose](): Promise<void>;
}

let providerModule: Promise<ProviderModule> | undefined;

/**
 * Runs `work` with oidc-provider's start-up notices filtered out of the console. It prints them
 * (unsupported runtime, development-only adapter, keys and login pages) on import and
 * construction; everything else still reaches the console.
 */
export async function withoutProviderNotices<T>(work: () => T | Promise<T>): Promise<T> {
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

function headerRecord(headers: KoaContext["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

/** Starts oidc-provider on a free loopback port, or on `port`. */
export async function startOidcProvider(
  { port: wanted = 0 }: { port?: number } = {},
): Promise<OidcTestProvider> {
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
    server.listen(wanted, "127.0.0.1", () => {
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

    const clientOptions = {
      issuer: metadata.issuer as string,
      authorizationEndpoint: metadata.authorization_endpoint as string,
      tokenEndpoint: metadata.token_endpoint as string,
      revocationEndpoint: metadata.revocation_endpoint as string,
      introspectionEndpoint: metadata.introspection_endpoint as string,
      userinfoEndpoint: metadata.userinfo_endpoint as string,
      jwksUri: metadata.jwks_uri as string,
      redirectUri: REDIRECT_URI,
    };

    return {
      ...clientOptions,
      clientOptions,
      metadata,
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
        es256IdToken: { clientId: "es256-id-token-client" },
        device: { clientId: "device-client" },
        service: { clientId: "service-client", clientSecret: SECRETS.service },
      },
      authorize: (authorizationUrl, options) =>
        authorizeAsBrowser(authorizationUrl, providerOrigin, options),
      async signIn(client, params) {
        const { url, state, codeVerifier, nonce } = await client.authorizationUrl(params);
        const callback = await authorizeAsBrowser(url, providerOrigin);
        return await client.fetchToken({
          authorizationResponse: callback,
          state,
          codeVerifier,
          nonce,
        });
      },
      confirmDevice: (verificationUri, userCode, options) =>
        confirmDeviceAsBrowser(verificationUri, userCode, providerOrigin, options),
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
