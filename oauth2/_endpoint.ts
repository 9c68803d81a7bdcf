/**
 * One way to call the authorization server's back-channel endpoints (token, revocation,
 * introspection, PAR, device): a form-encoded UTF-8 body, `Accept: application/json`, the
 * client's authentication, the hooks of the point, and `redirect: "manual"` so that a redirect
 * never replays credentials (RFC 9700 §4.12); then one path for reading their JSON answers and
 * errors, with the secrets that were sent cut out of any excerpt. Internal.
 *
 * @module
 */
import { mediaType, type ParameterList } from "../_encoding.ts";
import type { FetchLike } from "../_send.ts";
import {
  type RequestHook,
  type ResponseHook,
  runRequestHooks,
  runResponseHooks,
} from "../_hooks.ts";
import {
  type ClientAuthentication,
  type ClientIdentity,
  type ClientSecret,
} from "./client_auth.ts";
import type { JwsKey } from "./_jwt_signing.ts";
import { assertSecureTransport, typeOf } from "../_transport.ts";
import { reportedError } from "../_callback.ts";
import { excerpt, readCappedText, refuseRedirect } from "../_response.ts";
import { retryAfterSeconds } from "../_retry_after.ts";
import { OAuthError, type OAuthResponseError } from "../errors.ts";

/** The endpoint options of a client, each a URL of the authorization server. */
export const ENDPOINTS = [
  "authorizationEndpoint",
  "tokenEndpoint",
  "revocationEndpoint",
  "introspectionEndpoint",
  "deviceAuthorizationEndpoint",
  "pushedAuthorizationRequestEndpoint",
  "userinfoEndpoint",
  "jwksUri",
  "endSessionEndpoint",
] as const;
/** The name of an endpoint option. */
export type EndpointOption = (typeof ENDPOINTS)[number];

/**
 * What a call to an endpoint needs of the client. `authenticate` is injected so that a bundle
 * that never signs client assertions does not carry the JWT code.
 */
export interface EndpointOptions {
  clientId: string;
  clientSecret?: ClientSecret;
  clientAuthentication: ClientAuthentication;
  privateKey?: JwsKey;
  clientAssertionAudience?: string;
  issuer?: string;
  endpoints: Partial<Record<EndpointOption, string>>;
  /** `http:` beyond loopback was allowed by the caller. */
  allowInsecureRequests: boolean;
  now: () => number;
  /**
   * Authenticates one request and answers the secret it sent (a `clientSecret` function's is
   * made for each request), so that an echo of it is cut out of errors too.
   */
  authenticate: (
    identity: ClientIdentity,
    body: URLSearchParams,
    headers: Headers,
  ) => string | Promise<string>;
}

/** One call to an endpoint. */
export interface EndpointCall {
  endpoint: EndpointOption;
  /** The caller-facing name of the operation, for messages (e.g. `refreshToken`). */
  operation: string;
  parameters: ParameterList;
  requestHooks?: RequestHook[];
  responseHooks?: ResponseHook[];
  signal?: AbortSignal;
  /** The token types a token response may have, lower case; by default `bearer`. */
  tokenTypes?: readonly string[];
  /** A grant's own check of its token response, after the common ones. */
  checkToken?: (token: Record<string, unknown>, status: number) => void;
}

/** The configured URL of an endpoint, or a `TypeError` saying which option is missing. */
export function endpointUrl(
  options: Pick<EndpointOptions, "endpoints">,
  call: Pick<EndpointCall, "endpoint" | "operation">,
): string {
  const url = options.endpoints[call.endpoint];
  if (url === undefined) throw new TypeError(`${call.operation} needs the ${call.endpoint} option`);
  return url;
}

// Parameters whose values are secrets, known by how their names end: code, code_verifier,
// device_code, token, refresh_token, subject_token, actor_token, client_secret, password,
// assertion, client_assertion, and an extension grant's parameters named alike. An error must
// never repeat them (RFC 9700 §4.9 spirit).
const SECRET_PARAMETER = /(?:code|verifier|token|secret|password|assertion)$/;

/**
 * The secret values a request carried, as a server could echo them into an error page: the
 * secret parameters, the client assertion, the client secret and the Basic credentials.
 */
function secretsSent(
  body: URLSearchParams,
  headers: Headers,
  clientSecret: string,
): string[] {
  const values = [...body].flatMap(([name, value]) => SECRET_PARAMETER.test(name) ? value : []);
  const basic = /^Basic (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
  // An empty string stands for an absent one: `excerpt` never cuts out short values.
  return [...values, clientSecret, basic ?? ""];
}

/**
 * Sends a built endpoint request and answers the request that went out with the response:
 * {@linkcode plainSend}, or the client's `hookedSend` that runs the call's hooks around it.
 */
export type EndpointSend = (
  request: Request,
  call: EndpointCall,
) => Promise<{ request: Request; response: Response }>;

/** Sends the request as it was built: no hooks, so none of their code in the bundle. */
export function plainSend(send: FetchLike): EndpointSend {
  return async (request) => ({ request, response: await send(request) });
}

/**
 * Sends the call and returns the request that went out and the response. Credentials go in the
 * body or the `Authorization` header, never in the URL.
 */
export async function sendToEndpoint(
  options: EndpointOptions,
  call: EndpointCall,
  send: EndpointSend,
): Promise<{ request: Request; response: Response; secrets: string[] }> {
  const url = endpointUrl(options, call);
  const body = new URLSearchParams(call.parameters);
  const headers = new Headers({
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
  });
  const made = await options.authenticate(
    {
      ...options,
      method: options.clientAuthentication,
      audience: options.clientAssertionAudience ?? options.issuer ?? url,
      now: options.now(),
    },
    body,
    headers,
  );
  const built = new Request(url, {
    method: "POST",
    headers,
    body: body.toString(),
    redirect: "manual",
    signal: call.signal,
  });
  const { request, response } = await send(built, call);
  return { request, response, secrets: secretsSent(body, headers, made) };
}

/** Sends endpoint calls through their hooks, then `send`. */
export function hookedSend(send: FetchLike, allowInsecure: boolean): EndpointSend {
  return async (built, call) => {
    const hooked = await runRequestHooks(call.requestHooks, built);
    // A hook may rebuild the request; it still must not follow redirects or leave https.
    const request = hooked.redirect === "manual"
      ? hooked
      : new Request(hooked, { redirect: "manual" });
    assertSecureTransport(new URL(request.url), call.endpoint, allowInsecure);
    return { request, response: await runResponseHooks(call.responseHooks, await send(request)) };
  };
}

/** Parses JSON text into a plain object, or returns `undefined` when it is anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/**
 * The RFC 6749 §5.2 error in a body, when it is one: an object whose `error` is a string.
 * `error_description` and `error_uri` are kept only when they are strings, and capped.
 */
export function errorResponse(
  body: Record<string, unknown> | undefined,
  response: Response,
  sensitive: readonly string[] = [],
): OAuthResponseError | undefined {
  if (typeof body?.error !== "string" || body.error === "") return undefined;
  return reportedError(body, sensitive, response);
}

/**
 * The error for a non-2xx response: the server's RFC 6749 §5.2 error when the body is one,
 * otherwise `invalid_response` with the status and a 1 KiB excerpt.
 */
export function failure(
  response: Response,
  text: string,
  endpoint: string,
  sensitive: readonly string[] = [],
): OAuthError {
  return errorResponse(parseJsonObject(text), response, sensitive) ?? new OAuthError(
    "invalid_response",
    `${endpoint} answered HTTP ${response.status} without an RFC 6749 §5.2 error object`,
    {
      status: response.status,
      body: excerpt(text, sensitive),
      retryAfter: retryAfterSeconds(response.headers),
    },
  );
}

/**
 * Reads the JSON object an endpoint answered with. A redirect is refused; a non-2xx status is
 * an `OAuthResponseError` when the body is an RFC 6749 §5.2 error and `invalid_response` (with
 * a 1 KiB excerpt) otherwise; a 2xx body must be `application/json` (or one of `mediaTypes`)
 * holding an object, and an
 * `error` member in it is reported as the server's error, never taken for success.
 */
export async function readJsonObject(
  response: Response,
  request: Request,
  endpoint: string,
  sensitive: readonly string[] = [],
  mediaTypes: readonly string[] = ["application/json"],
): Promise<Record<string, unknown>> {
  await refuseRedirect(response, request.url, endpoint);
  const text = await readCappedText(response);
  const status = response.status;
  if (!response.ok) throw failure(response, text, endpoint, sensitive);
  const type = mediaType(response.headers.get("content-type"));
  if (!mediaTypes.includes(type)) {
    throw new OAuthError(
      "invalid_response",
      `expected ${mediaTypes.join(" or ")} from ${endpoint}, got ${type || "no content type"}`,
      { status },
    );
  }
  const body = parseJsonObject(text);
  if (body === undefined) {
    throw new OAuthError(
      "invalid_response",
      `expected a JSON object from ${endpoint}, got ${describeJson(text)}`,
      { status },
    );
  }
  const reported = errorResponse(body, response, sensitive);
  if (reported) throw reported;
  return body;
}

// Called once `text` is known to hold no JSON object, so `typeOf` never says "an object".
function describeJson(text: string): string {
  try {
    return typeOf(JSON.parse(text));
  } catch {
    return `text that is not JSON (${text.length} characters)`;
  }
}
