/**
 * A fake provider behind an injected `fetch`, strict about what its provider documents: the
 * authorization URL (the client id's name, the scope separator, PKCE, the parameters it must
 * carry), the token request (client authentication, body encoding, required parameters and
 * headers, the code, its redirect URI and verifier), refresh, revocation, OpenID Connect
 * discovery and signed ID tokens, and the provider's APIs with the access tokens it issued.
 * `codeFlow` runs a preset's full code flow against it.
 */
import assert from "node:assert/strict";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import {
  clearDiscoveryCache,
  OAuth2Client,
  type OAuth2ClientOptions,
  type Profile,
  type Token,
  wellKnownUrl,
} from "../../oauth2/mod.ts";
import type { AuthorizationRequest } from "../../oauth2/types.ts";
import { OAuthRegistry } from "../../web/mod.ts";

/** How a token endpoint may authenticate the client. */
export type ClientAuth = "basic" | "post" | "none";

/** Parameters a request must carry: an exact value, or `true` for any non-empty one. */
export type Required = Record<string, string | true>;

/** The user every emulated provider signs in. */
export const USER = {
  id: "user-1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  picture: "https://cdn.example/ada.png",
} as const;

/** What a token response builder is told. */
export interface TokenContext {
  grant: "authorization_code" | "refresh_token";
  /** The scope the user granted, as the authorization URL asked for it. */
  scope: string;
  /** The request's parameters. */
  params: Record<string, string>;
}

/** What an API handler is given. */
export interface ApiContext {
  token: string;
  user: typeof USER;
}

/** What the emulated provider documents. */
export interface ProviderSpec {
  name: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Where refresh requests go, when not the token endpoint (Figma). */
  refreshEndpoint?: string;
  revocationEndpoint?: string;
  /** The authorization URL's name for the client id; default `client_id`. */
  clientIdParameter?: string;
  /** The token request body's name for the client id; default `client_id`. */
  tokenClientIdParameter?: string;
  /** Every client authentication the token endpoint accepts. */
  clientAuth: ClientAuth[];
  /** How scopes are separated; with `,`, a scope with a space is refused. Default `" "`. */
  scopeSeparator?: " " | ",";
  /** `required`: no code without S256; `unsupported`: a challenge is refused. */
  pkce: "required" | "supported" | "unsupported";
  /** Parameters every authorization URL must carry. */
  authorizationParams?: Required;
  /** Parameters the code exchange must carry beyond RFC 6749's. */
  tokenParams?: Required;
  /** Parameters a refresh must carry beyond RFC 6749's. */
  refreshParams?: Required;
  /** Headers every token, refresh and revocation request must carry. */
  tokenHeaders?: Record<string, RegExp>;
  /** The token request's body encoding; default `form`. */
  tokenBody?: "form" | "json";
  /** Parameters the callback carries besides `code` and `state` (VK ID's `device_id`). */
  callbackParams?: Record<string, string>;
  /** The token response, from the RFC 6749 one the emulator would send. */
  tokenResponse?: (
    token: Record<string, unknown>,
    context: TokenContext,
  ) => Record<string, unknown> | Response | Promise<Record<string, unknown> | Response>;
  /** An error in the provider's shape; default RFC 6749 §5.2 JSON. */
  errorResponse?: (status: number, error: string, description: string) => Response;
  /** OpenID Connect: ID tokens signed with ES256, the JWK Set and the discovery document. */
  oidc?: {
    issuer: string;
    jwksUri: string;
    userinfoEndpoint?: string;
    /** Members the discovery document adds or replaces. */
    discovery?: Record<string, unknown>;
    /** Claims the ID token adds. */
    claims?: Record<string, unknown>;
  };
  /** The provider's APIs by URL (origin and path), each answered only with a live token. */
  api?: Record<string, (request: Request, context: ApiContext) => Response | Promise<Response>>;
  /** Where an API request carries the token; default the Bearer `Authorization` header. */
  apiToken?: (request: Request) => string | undefined | Promise<string | undefined>;
}

interface IssuedCode {
  redirectUri: string | null;
  challenge: string | null;
  scope: string;
  nonce: string | null;
}

/** A request as the emulator saw it. */
export interface Seen {
  url: string;
  method: string;
  headers: Headers;
  /** The body's parameters (form or JSON). */
  params: Record<string, string>;
}

/** The emulated provider. */
export interface Emulator {
  /** The injected `fetch`. */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * The user at the authorization endpoint: the URL is checked as the provider would (an
   * `Error` naming the refusal), and the callback URL it redirects to is answered.
   */
  authorize(url: URL | string): string;
  /** Every token, refresh and revocation request, in order. */
  tokenRequests: Seen[];
  /** Every API request, in order. */
  apiRequests: Seen[];
  /** The tokens revoked. */
  revoked: Set<string>;
}

const random = () => encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
const where = (url: URL) => url.origin + url.pathname;

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

function formDecode(part: string): string {
  return decodeURIComponent(part.replaceAll("+", " "));
}

/** The Basic credentials of a request, form-decoded (RFC 6749 §2.3.1). */
function basicCredentials(request: Request): [string, string] | undefined {
  const match = /^Basic (.+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return undefined;
  const pair = atob(match[1]);
  const colon = pair.indexOf(":");
  return [formDecode(pair.slice(0, colon)), formDecode(pair.slice(colon + 1))];
}

async function bodyParams(
  request: Request,
  encoding: "form" | "json",
): Promise<Record<string, string> | string> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await request.text();
  if (encoding === "json") {
    if (type !== "application/json") return `expected a JSON body, got ${type || "none"}`;
    return JSON.parse(text);
  }
  if (type !== "application/x-www-form-urlencoded") {
    return `expected a form body, got ${type || "none"}`;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function missing(params: Record<string, string | null>, required: Required = {}): string[] {
  return Object.entries(required).filter(([name, value]) =>
    value === true ? !params[name] : params[name] !== value
  ).map(([name]) => name);
}

/** Creates the emulated provider of `spec`. */
export async function emulate(spec: ProviderSpec): Promise<Emulator> {
  const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const publicJwk = { ...await crypto.subtle.exportKey("jwk", keys.publicKey), kid: "k1" };
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Map<string, string>();
  const revoked = new Set<string>();
  const tokenRequests: Seen[] = [];
  const apiRequests: Seen[] = [];
  const separator = spec.scopeSeparator ?? " ";

  const error = (status: number, code: string, description: string) =>
    spec.errorResponse?.(status, code, description) ??
      Response.json({ error: code, error_description: description }, { status });

  async function idToken(nonce: string | null): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) =>
      encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(value)));
    const input = `${encode({ alg: "ES256", kid: "k1", typ: "JWT" })}.${
      encode({
        iss: spec.oidc!.issuer,
        sub: USER.id,
        aud: spec.clientId,
        iat: now,
        exp: now + 600,
        ...(nonce === null ? {} : { nonce }),
        email: USER.email,
        email_verified: true,
        name: USER.name,
        picture: USER.picture,
        ...spec.oidc!.claims,
      })
    }`;
    const signature = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      keys.privateKey,
      new TextEncoder().encode(input),
    );
    return `${input}.${encodeBase64urlNoPadding(new Uint8Array(signature))}`;
  }

  /** The client's authentication, or the error response refusing it. */
  function authenticate(
    request: Request,
    params: Record<string, string>,
  ): Response | undefined {
    const idName = spec.tokenClientIdParameter ?? "client_id";
    const basic = basicCredentials(request);
    const method: ClientAuth = basic ? "basic" : params.client_secret ? "post" : "none";
    if (basic && params.client_secret) {
      return error(400, "invalid_request", "two client authentication methods");
    }
    if (!spec.clientAuth.includes(method)) {
      return error(401, "invalid_client", `client authentication ${method} is not accepted`);
    }
    const [id, secret] = basic ?? [params[idName], params.client_secret];
    if (id !== spec.clientId) {
      return error(401, "invalid_client", `unknown client (${idName} expected)`);
    }
    // Reddit's installed apps send Basic `client_id:`, an empty secret.
    if (method !== "none" && secret !== (spec.clientSecret ?? (method === "basic" ? "" : null))) {
      return error(401, "invalid_client", "wrong client secret");
    }
    if (method === "none" && spec.clientSecret !== undefined) {
      return error(401, "invalid_client", "a confidential client must authenticate");
    }
    return undefined;
  }

  async function issue(
    context: TokenContext,
    nonce: string | null,
  ): Promise<Response> {
    const token: Record<string, unknown> = {
      access_token: `at-${random()}`,
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: `rt-${random()}`,
      scope: context.scope,
    };
    if (
      spec.oidc && context.grant === "authorization_code" &&
      context.scope.split(separator).includes("openid")
    ) {
      token.id_token = await idToken(nonce);
    }
    const answer = await spec.tokenResponse?.(token, context) ?? token;
    if (answer instanceof Response) {
      accessTokens.add(token.access_token as string);
      refreshTokens.set(token.refresh_token as string, context.scope);
      return answer;
    }
    if (typeof answer.access_token === "string") accessTokens.add(answer.access_token);
    if (typeof answer.refresh_token === "string") {
      if (context.grant === "refresh_token") refreshTokens.delete(context.params.refresh_token);
      refreshTokens.set(answer.refresh_token, context.scope);
    }
    return Response.json(answer);
  }

  async function tokenEndpoint(request: Request, refreshOnly: boolean): Promise<Response> {
    if (request.method !== "POST") return error(405, "invalid_request", "POST only");
    const headers = new Headers(request.headers);
    const params = await bodyParams(request, spec.tokenBody ?? "form");
    if (typeof params === "string") return error(400, "invalid_request", params);
    tokenRequests.push({ url: request.url, method: request.method, headers, params });
    for (const [name, pattern] of Object.entries(spec.tokenHeaders ?? {})) {
      if (!pattern.test(headers.get(name) ?? "")) {
        return error(400, "invalid_request", `the ${name} header is required`);
      }
    }
    const refused = authenticate(request, params);
    if (refused) return refused;
    if (params.grant_type === "authorization_code" && !refreshOnly) {
      const issued = codes.get(params.code);
      codes.delete(params.code);
      if (issued === undefined) return error(400, "invalid_grant", "unknown or spent code");
      if (issued.redirectUri !== null && params.redirect_uri !== issued.redirectUri) {
        return error(400, "invalid_grant", "redirect_uri differs from the authorization's");
      }
      if (issued.challenge !== null) {
        if (!params.code_verifier || await sha256(params.code_verifier) !== issued.challenge) {
          return error(400, "invalid_grant", "code_verifier does not match");
        }
      }
      const absent = missing(params, spec.tokenParams);
      if (absent.length > 0) {
        return error(400, "invalid_request", `${absent.join(", ")} required`);
      }
      return await issue(
        { grant: "authorization_code", scope: issued.scope, params },
        issued.nonce,
      );
    }
    if (params.grant_type === "refresh_token" && (refreshOnly || !spec.refreshEndpoint)) {
      const scope = refreshTokens.get(params.refresh_token);
      if (scope === undefined || revoked.has(params.refresh_token)) {
        return error(400, "invalid_grant", "unknown or revoked refresh token");
      }
      const absent = missing(params, spec.refreshParams);
      if (absent.length > 0) {
        return error(400, "invalid_request", `${absent.join(", ")} required`);
      }
      return await issue({ grant: "refresh_token", scope, params }, null);
    }
    return error(400, "unsupported_grant_type", `${params.grant_type} is not accepted here`);
  }

  async function revocationEndpoint(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    const params = await bodyParams(request, "form");
    if (typeof params === "string") return error(400, "invalid_request", params);
    tokenRequests.push({ url: request.url, method: request.method, headers, params });
    const refused = authenticate(request, params);
    if (refused) return refused;
    revoked.add(params.token);
    accessTokens.delete(params.token);
    return new Response(null, { status: 200 });
  }

  function discovery(): Response {
    const methods = spec.clientAuth.map((method) =>
      method === "none" ? "none" : `client_secret_${method}`
    );
    const oidc = spec.oidc!;
    return Response.json({
      issuer: oidc.issuer,
      authorization_endpoint: spec.authorizationEndpoint,
      token_endpoint: spec.tokenEndpoint,
      ...(spec.revocationEndpoint ? { revocation_endpoint: spec.revocationEndpoint } : {}),
      ...(oidc.userinfoEndpoint ? { userinfo_endpoint: oidc.userinfoEndpoint } : {}),
      jwks_uri: oidc.jwksUri,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["ES256"],
      token_endpoint_auth_methods_supported: methods,
      ...(spec.pkce === "unsupported" ? {} : { code_challenge_methods_supported: ["S256"] }),
      ...oidc.discovery,
    });
  }

  async function api(request: Request, url: URL): Promise<Response> {
    const token = await (spec.apiToken ?? bearer)(request.clone());
    const headers = new Headers(request.headers);
    const type = (headers.get("content-type") ?? "").split(";")[0];
    const text = request.body === null ? "" : await request.clone().text();
    const params = type === "application/x-www-form-urlencoded"
      ? Object.fromEntries(new URLSearchParams(text))
      : {};
    apiRequests.push({ url: request.url, method: request.method, headers, params });
    if (token === undefined || !accessTokens.has(token) || revoked.has(token)) {
      return Response.json({ error: "invalid_token" }, {
        status: 401,
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      });
    }
    return await spec.api![where(url)](request, { token, user: USER });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const at = where(url);
    if (at === where(new URL(spec.tokenEndpoint))) return await tokenEndpoint(request, false);
    if (spec.refreshEndpoint && at === spec.refreshEndpoint) {
      return await tokenEndpoint(request, true);
    }
    if (spec.revocationEndpoint && at === spec.revocationEndpoint) {
      return await revocationEndpoint(request);
    }
    if (spec.oidc && request.url === wellKnownUrl(spec.oidc.issuer, "openid-configuration")) {
      return discovery();
    }
    if (spec.oidc && at === spec.oidc.jwksUri) {
      return Response.json({ keys: [{ ...publicJwk, alg: "ES256", use: "sig" }] });
    }
    if (spec.api?.[at]) return await api(request, url);
    return Response.json({ error: "not_found", url: request.url }, { status: 404 });
  }

  function authorize(given: URL | string): string {
    const url = new URL(given);
    const refuse = (why: string): never => {
      throw new Error(`${spec.name} refuses the authorization request: ${why}`);
    };
    const params = Object.fromEntries(url.searchParams);
    if (where(url) !== where(new URL(spec.authorizationEndpoint))) {
      refuse(`it is sent to ${where(url)}`);
    }
    if (params.response_type !== "code") refuse("response_type is not code");
    const idName = spec.clientIdParameter ?? "client_id";
    if (params[idName] !== spec.clientId) refuse(`${idName} is not the app's`);
    if (!params.state) refuse("no state");
    if (params.redirect_uri !== undefined && params.redirect_uri !== spec.redirectUri) {
      refuse("redirect_uri is not registered");
    }
    const scope = params.scope ?? "";
    const other = separator === "," ? " " : ",";
    if (scope.includes(other)) refuse(`scopes are separated by "${separator}"`);
    const challenge = params.code_challenge ?? null;
    if (spec.pkce === "required" && challenge === null) refuse("PKCE is required");
    if (spec.pkce === "unsupported" && challenge !== null) refuse("PKCE is not supported");
    if (challenge !== null && params.code_challenge_method !== "S256") {
      refuse("code_challenge_method must be S256");
    }
    const absent = missing(params, spec.authorizationParams);
    if (absent.length > 0) refuse(`${absent.join(", ")} required`);
    const code = `code-${random()}`;
    codes.set(code, {
      redirectUri: params.redirect_uri ?? null,
      challenge,
      scope,
      nonce: params.nonce ?? null,
    });
    const callback = new URL(params.redirect_uri ?? spec.redirectUri);
    callback.searchParams.set("code", code);
    callback.searchParams.set("state", params.state);
    for (const [name, value] of Object.entries(spec.callbackParams ?? {})) {
      callback.searchParams.set(name, value);
    }
    return callback.href;
  }

  return {
    fetch: (input, init) => handle(new Request(input, init)),
    authorize,
    tokenRequests,
    apiRequests,
    revoked,
  };
}

/** The Bearer token of a request's `Authorization` header. */
export function bearer(request: Request): string | undefined {
  return /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
}

/** What `codeFlow` went through. */
export interface Flow {
  client: OAuth2Client;
  request: AuthorizationRequest;
  callback: string;
  token: Token;
  refreshed?: Token;
  profile: Profile;
}

/** Options of {@linkcode codeFlow}. */
export interface FlowOptions {
  /** Make the client with `OAuth2Client.discover(preset.issuer, preset)`. */
  discover?: boolean;
  /** Refresh after the code exchange; default `true`. */
  refresh?: boolean;
  /** Options the test adds to the preset's (a `deviceId`-bound client's hooks, say). */
  extra?: Partial<OAuth2ClientOptions>;
}

/**
 * The code flow of `preset` against `emulator`: the authorization URL, the user's consent, the
 * callback, the code exchange, a refresh (unless `refresh: false`) and the profile.
 */
export async function codeFlow(
  preset: OAuth2ClientOptions,
  emulator: Emulator,
  options: FlowOptions = {},
): Promise<Flow> {
  const given = { ...preset, ...options.extra, fetch: emulator.fetch };
  let client: OAuth2Client;
  if (options.discover) {
    assert.ok(preset.issuer, "an OpenID Connect preset names its issuer");
    clearDiscoveryCache();
    client = await OAuth2Client.discover(preset.issuer, given);
  } else {
    client = new OAuth2Client(given);
  }
  const request = await client.authorizationUrl();
  const callback = emulator.authorize(request.url);
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state: request.state,
    ...(request.codeVerifier ? { codeVerifier: request.codeVerifier } : {}),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const refreshed = options.refresh === false ? undefined : await client.refreshToken();
  const profile = await client.profile();
  return { client, request, callback, token, refreshed, profile };
}

/** Asserts a profile is the emulated user's, with the members the provider shares. */
export function assertUser(
  profile: Profile,
  expected: Partial<Omit<Profile, "raw">> = {},
): void {
  const { raw, ...rest } = profile;
  assert.equal(typeof raw, "object");
  const wanted = {
    id: USER.id,
    email: USER.email,
    name: USER.name,
    picture: USER.picture,
    ...expected,
  };
  assert.deepEqual(
    rest,
    Object.fromEntries(Object.entries(wanted).filter(([, value]) => value !== undefined)),
  );
}

/**
 * A login through `OAuthRegistry.register(name, preset)`: the redirect, the emulated consent,
 * the callback, then the profile with the session's token.
 */
export async function registryLogin(
  preset: OAuth2ClientOptions,
  emulator: Emulator,
  redirectUri: string,
): Promise<{ token: Token; profile: Profile }> {
  const session: { token?: Token } = {};
  const registry = new OAuthRegistry({
    secret: "the provider presets' registry test secret",
    fetch: emulator.fetch,
    fetchToken: () => Promise.resolve(session.token),
  });
  const { fetch: _, ...config } = preset;
  const app = registry.register("provider", config);
  const start = await app.authorizeRedirect(new Request("https://app.example/login"), redirectUri);
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const callback = emulator.authorize(start.headers.get("location")!);
  const login = await app.authorizeAccessToken(new Request(callback, { headers: { cookie } }));
  session.token = login.token as Token;
  const profile = await app.profile({
    request: new Request("https://app.example/me"),
    claims: login.claims,
  });
  return { token: session.token, profile };
}
