/**
 * Authorization server metadata (RFC 8414) and OpenID Connect discovery (OpenID Connect
 * Discovery 1.0 §4): fetched once per issuer and cached, and checked. `options.ts` turns it
 * into the options of an `OAuth2Client`.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { type FetchLike, send } from "../_send.ts";
import { networkError } from "../_network_error.ts";
import { assertSecureTransport, quoteReceived, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { checkIssuer } from "./callback.ts";
import { metadataIssuerFits } from "./_tenant_issuers.ts";
import { readJsonObject } from "./_endpoint.ts";

/** The metadata members the client uses (RFC 8414 §2, OpenID Connect Discovery §3); others are kept. */
export interface AuthorizationServerMetadata {
  /** Equal, character for character, to the issuer it was fetched for. */
  issuer: string;
  /** RFC 6749 §3.1. */
  authorization_endpoint?: string;
  /** RFC 6749 §3.2. */
  token_endpoint?: string;
  /** RFC 7009. */
  revocation_endpoint?: string;
  /** RFC 7662. */
  introspection_endpoint?: string;
  /** RFC 8628 §4. */
  device_authorization_endpoint?: string;
  /** RFC 9126 §5. */
  pushed_authorization_request_endpoint?: string;
  /** OpenID Connect Core §5.3. */
  userinfo_endpoint?: string;
  /** The server's signing keys (RFC 7517). */
  jwks_uri?: string;
  /** OpenID Connect RP-Initiated Logout 1.0 §2.1: where the browser is sent to log out. */
  end_session_endpoint?: string;
  /** RFC 9126 §5: the server accepts authorization requests only through PAR. */
  require_pushed_authorization_requests?: boolean;
  /** RFC 7636 methods; without `S256` the client refuses to use the server. */
  code_challenge_methods_supported?: string[];
  /** How clients may authenticate; absent means `client_secret_basic`. */
  token_endpoint_auth_methods_supported?: string[];
  /** RFC 9207 §3: the server puts `iss` on every authorization response. */
  authorization_response_iss_parameter_supported?: boolean;
  /** Every other member, as the server sent it. */
  [member: string]: unknown;
}

/** Where to look for the metadata. */
export type WellKnown = "openid-configuration" | "oauth-authorization-server";

/** Options of a metadata fetch. */
export interface DiscoveryOptions {
  /** Default: OpenID Connect's, then RFC 8414's when that one is not found (404). */
  wellKnown?: WellKnown;
  /** Injectable `fetch`; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Milliseconds for each fetch; default 30 s. */
  timeout?: number;
  /** Aborts the fetch. */
  signal?: AbortSignal;
  /** The clock in milliseconds, for the cache. */
  now?: () => number;
  /** Allow an `http:` issuer beyond loopback (development only); default `false`. */
  allowInsecureRequests?: boolean;
  /**
   * A multi-tenant server's issuer template (the client's `issuerTemplate` option): when the
   * issuer asked for is an alias's by it (`common`, `organizations`, `consumers` or a tenant's
   * domain in place of `{tenantid}`), metadata naming the template, or one tenant's issuer by
   * it, is accepted in its place. One tenant's issuer (its id) must still be named exactly.
   */
  issuerTemplate?: string;
}

/** The members whose values are endpoint URLs: strings, absolute, https (or loopback http). */
const URL_MEMBERS = [
  "authorization_endpoint",
  "token_endpoint",
  "revocation_endpoint",
  "introspection_endpoint",
  "device_authorization_endpoint",
  "pushed_authorization_request_endpoint",
  "userinfo_endpoint",
  "jwks_uri",
  "end_session_endpoint",
] as const;

const CACHE_MS = 15 * 60 * 1000;
// Issuers may come from users (a login form's "your server" field): the cache must not grow
// with them. Least recently used entries go first; a document counts by its JSON length.
const CACHE_ENTRIES = 256;
const CACHE_CHARS = 4 * 1024 * 1024;

interface Cached {
  metadata: AuthorizationServerMetadata;
  until: number;
  chars: number;
}

/** Keyed by the well-known kind and the issuer exactly as given, never a normalised URL. */
const cache = new Map<string, Cached>();
let cachedChars = 0;

function cacheGet(key: string, now: number): AuthorizationServerMetadata | undefined {
  const hit = cache.get(key);
  if (hit === undefined) return undefined;
  cacheDelete(key);
  if (hit.until <= now) return undefined;
  cache.set(key, hit);
  cachedChars += hit.chars;
  return hit.metadata;
}

function cacheSet(key: string, metadata: AuthorizationServerMetadata, now: number): void {
  const chars = JSON.stringify(metadata).length;
  cacheDelete(key);
  if (chars > CACHE_CHARS) return;
  for (const [old, entry] of cache) {
    if (entry.until <= now) cacheDelete(old);
  }
  while (cache.size >= CACHE_ENTRIES || cachedChars + chars > CACHE_CHARS) {
    cacheDelete(cache.keys().next().value!);
  }
  cache.set(key, { metadata, until: now + CACHE_MS, chars });
  cachedChars += chars;
}

function cacheDelete(key: string): void {
  const entry = cache.get(key);
  if (entry === undefined) return;
  cache.delete(key);
  cachedChars -= entry.chars;
}

/**
 * The well-known URL of an issuer's metadata. RFC 8414 §3.1 inserts the well-known segment
 * between the host and the issuer's path; OpenID Connect Discovery §4.1 appends it.
 *
 * @example
 * ```ts
 * import { wellKnownUrl } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   wellKnownUrl("https://as.example/tenant", "oauth-authorization-server"),
 *   "https://as.example/.well-known/oauth-authorization-server/tenant",
 * );
 * assert.equal(
 *   wellKnownUrl("https://as.example/tenant", "openid-configuration"),
 *   "https://as.example/tenant/.well-known/openid-configuration",
 * );
 * ```
 */
export function wellKnownUrl(issuer: string, wellKnown: WellKnown): string {
  const url = new URL(issuer);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return wellKnown === "oauth-authorization-server"
    ? `${url.origin}/.well-known/oauth-authorization-server${path}`
    : `${url.origin}${path}/.well-known/openid-configuration`;
}

/**
 * Fetches and checks an issuer's metadata, or answers it from the cache (15 minutes, the 256
 * most recently used issuers). The `issuer` member must equal `issuer` exactly (RFC 8414 §3.3):
 * `issuer_mismatch` otherwise, checked on cached answers too. Endpoint members must be
 * absolute URLs (`invalid_response`) and no less secure than the issuer: an `https:` issuer's
 * endpoints are all `https:` (`insecure_transport`).
 *
 * A metadata URL given in place of the issuer (`…/.well-known/openid-configuration`, as
 * Authlib's `server_metadata_url` takes it, or `…/.well-known/oauth-authorization-server…`) is
 * fetched as it is, and the metadata's `issuer` must be one whose well-known URL it is.
 *
 * @example
 * ```ts
 * import { discoverMetadata } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const metadata = await discoverMetadata("https://as.example", {
 *   fetch: () => Promise.resolve(Response.json({
 *     issuer: "https://as.example",
 *     token_endpoint: "https://as.example/token",
 *   })),
 * });
 * assert.equal(metadata.token_endpoint, "https://as.example/token");
 * ```
 *
 * @example The metadata URL, as Authlib's `server_metadata_url`
 * ```ts
 * import { discoverMetadata } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const url = "https://login.example/tenant/.well-known/openid-configuration";
 * const metadata = await discoverMetadata(url, {
 *   fetch: (request) => {
 *     assert.equal(request.url, url);
 *     return Promise.resolve(Response.json({ issuer: "https://login.example/tenant" }));
 *   },
 * });
 * assert.equal(metadata.issuer, "https://login.example/tenant");
 * ```
 */
export async function discoverMetadata(
  issuer: string,
  options: DiscoveryOptions = {},
): Promise<AuthorizationServerMetadata> {
  const allowInsecure = options.allowInsecureRequests ?? false;
  if (checkIssuer(issuer, allowInsecure) === undefined) {
    throw new TypeError("discover needs the issuer");
  }
  const now = options.now ?? Date.now;
  const sources = metadataSources(issuer, options.wellKnown);
  for (const source of sources) {
    const key = `${source.wellKnown} ${issuer}`;
    const cached = cacheGet(key, now());
    const template = options.issuerTemplate;
    if (cached !== undefined) return checkMetadata(cached, source, allowInsecure, template);
    const response = await fetchMetadata(source.url, options);
    if (response === undefined) continue;
    const metadata = checkMetadata(response, source, allowInsecure, template);
    cacheSet(key, metadata, now());
    return metadata;
  }
  throw metadataNotFound(issuer, sources);
}

/** Where an issuer's metadata is looked for, and which issuer it must name there. */
interface MetadataSource {
  url: string;
  wellKnown: WellKnown;
  /** The issuer expected: as given, or the one a well-known URL was made from. */
  issuer: string;
  /** Given as the well-known URL: any spelling of the issuer that leads to it is accepted. */
  givenUrl: boolean;
}

const WELL_KNOWN: WellKnown[] = ["openid-configuration", "oauth-authorization-server"];
const OPENID_SUFFIX = "/.well-known/openid-configuration";
const OAUTH_PREFIX = "/.well-known/oauth-authorization-server";

/**
 * The well-known URLs to try, in order: the one given in place of the issuer, or the issuer's
 * OpenID configuration and then its RFC 8414 metadata (only one of them with `wellKnown`).
 */
function metadataSources(issuer: string, wellKnown: WellKnown | undefined): MetadataSource[] {
  if (wellKnown !== undefined && !WELL_KNOWN.includes(wellKnown)) {
    throw new TypeError("wellKnown must be openid-configuration or oauth-authorization-server");
  }
  const given = issuerOfWellKnownUrl(issuer);
  if (given === undefined) {
    return (wellKnown ? [wellKnown] : WELL_KNOWN).map((kind) => ({
      url: wellKnownUrl(issuer, kind),
      wellKnown: kind,
      issuer,
      givenUrl: false,
    }));
  }
  if (wellKnown !== undefined && wellKnown !== given.wellKnown) {
    throw new TypeError(`wellKnown is ${wellKnown}, but the URL given is ${given.wellKnown}'s`);
  }
  return [{ ...given, url: new URL(issuer).href, givenUrl: true }];
}

/**
 * The issuer and kind of a well-known metadata URL, undoing {@linkcode wellKnownUrl}: OpenID
 * Connect Discovery §4.1 appends its segment to the issuer, RFC 8414 §3.1 inserts its own
 * after the host. `undefined` when `value` is no such URL.
 */
function issuerOfWellKnownUrl(
  value: string,
): { issuer: string; wellKnown: WellKnown } | undefined {
  const { origin, pathname } = new URL(value);
  if (pathname.endsWith(OPENID_SUFFIX)) {
    const issuer = origin + pathname.slice(0, -OPENID_SUFFIX.length);
    return { issuer, wellKnown: "openid-configuration" };
  }
  if (pathname === OAUTH_PREFIX || pathname.startsWith(`${OAUTH_PREFIX}/`)) {
    const issuer = origin + pathname.slice(OAUTH_PREFIX.length);
    return { issuer, wellKnown: "oauth-authorization-server" };
  }
  return undefined;
}

/** `invalid_response` for metadata found nowhere, saying where it looked and what to pass. */
function metadataNotFound(issuer: string, sources: MetadataSource[]): OAuthError {
  const where = sources.map(({ url }) => url).join(" or ");
  const looked = sources[0].givenUrl ? `at ${where}` : `for the issuer ${issuer} (at ${where})`;
  return new OAuthError(
    "invalid_response",
    `no metadata found ${looked}: pass the issuer itself, the "issuer" its metadata names ` +
      "(e.g. https://accounts.google.com), or its .well-known/openid-configuration URL",
    { status: 404 },
  );
}

/** The metadata document's JSON object, or `undefined` when the server has none there (404). */
function fetchMetadata(
  url: string,
  options: DiscoveryOptions,
): Promise<Record<string, unknown> | undefined> {
  assertSecureTransport(new URL(url), "the metadata URL", options.allowInsecureRequests);
  return withDeadline(options.timeout ?? 30_000, options.signal, async (signal) => {
    const request = new Request(url, {
      headers: { accept: "application/json" },
      redirect: "manual",
      signal,
    });
    const response = await send(options.fetch, request, networkError);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    return await readJsonObject(response, request, "the metadata endpoint");
  });
}

/**
 * RFC 8414 §3.3 and §2: the issuer matches and every endpoint is a usable URL, no less secure
 * than the issuer. Runs on cached documents too: they are frozen, so this only re-reads them.
 */
function checkMetadata(
  body: Record<string, unknown>,
  source: MetadataSource,
  allowInsecure: boolean,
  issuerTemplate: string | undefined,
): AuthorizationServerMetadata {
  // OpenID Connect Discovery §4.3, RFC 8414 §3.3: the issuer asked for, exactly; for an
  // alias's URL only (`common`, a domain), the template or the tenant the alias stands for.
  if (!metadataIssuerFits(source.issuer, body.issuer, issuerTemplate)) {
    assertIssuer(body.issuer, source);
  }
  const issuer = body.issuer as string;
  // An https: issuer pointing its endpoints at http: (loopback included) would let whoever
  // controls the metadata send the client's secrets in clear, or at the app's own host.
  const httpsIssuer = new URL(issuer).protocol === "https:";
  for (const member of URL_MEMBERS) {
    const value = body[member];
    if (value === undefined) continue;
    if (typeof value !== "string" || !URL.canParse(value)) {
      throw new OAuthError(
        "invalid_response",
        `expected ${member} to be an absolute URL, got ${
          typeof value === "string" ? "a relative or malformed one" : typeOf(value)
        }`,
      );
    }
    const url = new URL(value);
    if (httpsIssuer && url.protocol !== "https:") {
      throw new OAuthError(
        "insecure_transport",
        `${member} must use https: as the issuer does, got ${url.protocol}`,
      );
    }
    assertSecureTransport(url, member, allowInsecure);
  }
  for (
    const member of ["code_challenge_methods_supported", "token_endpoint_auth_methods_supported"]
  ) {
    const value = body[member];
    if (
      value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === "string"))
    ) {
      throw new OAuthError("invalid_response", `expected ${member} to be an array of strings`);
    }
  }
  return Object.freeze({ ...body }) as AuthorizationServerMetadata;
}

/**
 * `issuer_mismatch` unless the metadata names the issuer expected, exactly (RFC 8414 §3.3). At
 * a well-known URL the caller gave, any issuer whose well-known URL it is will do: RFC 8414 §3.1
 * and OpenID Connect Discovery §4.1 drop a trailing `/` before adding their segment, so
 * `https://as.example` and `https://as.example/` share one.
 */
function assertIssuer(named: unknown, source: MetadataSource): void {
  if (source.givenUrl ? isIssuerOf(named, source) : named === source.issuer) return;
  const expected = JSON.stringify(source.issuer) +
    (source.givenUrl ? `, the issuer of ${source.url}` : " exactly");
  const slashOnly = typeof named === "string" && !source.givenUrl &&
    named.replace(/\/$/, "") === source.issuer.replace(/\/$/, "");
  throw new OAuthError(
    "issuer_mismatch",
    `the metadata's issuer is ${quoteReceived(named)}, expected ${expected} (RFC 8414 §3.3)${
      slashOnly ? "; they differ in the trailing /: pass the issuer as the metadata spells it" : ""
    }`,
  );
}

/** Whether `named` is an issuer (RFC 8414 §2) whose well-known URL is the source's. */
function isIssuerOf(named: unknown, source: MetadataSource): boolean {
  if (typeof named !== "string" || !URL.canParse(named) || /[?#]/.test(named)) return false;
  const { username, password } = new URL(named);
  return username === "" && password === "" &&
    wellKnownUrl(named, source.wellKnown) === source.url;
}

/** Forgets every cached metadata document (for tests, or after a server's keys move). */
export function clearDiscoveryCache(): void {
  cache.clear();
  cachedChars = 0;
}
