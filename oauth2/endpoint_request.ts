/**
 * One way to call the authorization server's back-channel endpoints (token, revocation,
 * introspection): a form-encoded UTF-8 body, `Accept: application/json`, the client's
 * authentication, the hooks of the point, and `redirect: "manual"` so that a redirect never
 * replays credentials (RFC 9700 §4.12).
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import { assertSecureTransport } from "../_transport.ts";
import { runRequestHooks, runResponseHooks } from "../hooks/run.ts";
import type { RequestHook, ResponseHook } from "../hooks/types.ts";
import { authenticateClient } from "./client_auth.ts";
import type { EndpointOption, ResolvedOptions } from "./options.ts";

/** One call to an endpoint. */
export interface EndpointCall {
  endpoint: EndpointOption;
  /** The caller-facing name of the operation, for messages (e.g. `refreshToken`). */
  operation: string;
  parameters: ParameterList;
  requestHooks?: RequestHook[];
  responseHooks?: ResponseHook[];
  signal?: AbortSignal;
}

/** The configured URL of an endpoint, or a `TypeError` saying which option is missing. */
export function endpointUrl(
  options: ResolvedOptions,
  call: Pick<EndpointCall, "endpoint" | "operation">,
): string {
  const url = options.endpoints[call.endpoint];
  if (url === undefined) throw new TypeError(`${call.operation} needs the ${call.endpoint} option`);
  return url;
}

// Parameters whose values are secrets: an error must never repeat them (RFC 9700 §4.9 spirit).
const SECRET_PARAMETERS = new Set([
  "client_assertion",
  "client_secret",
  "code",
  "code_verifier",
  "refresh_token",
  "password",
  "assertion",
  "token",
  "subject_token",
  "actor_token",
  "device_code",
]);

/**
 * The secret values a request carried, as a server could echo them into an error page: the
 * secret parameters, the client assertion, the client secret and the Basic credentials.
 */
function secretsSent(body: URLSearchParams, headers: Headers, options: ResolvedOptions): string[] {
  const values = [...body].filter(([name]) => SECRET_PARAMETERS.has(name)).map(([, value]) =>
    value
  );
  const basic = /^Basic (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
  return [
    ...values,
    ...(options.clientSecret ? [options.clientSecret] : []),
    ...(basic ? [basic] : []),
  ];
}

/**
 * Sends the call and returns the request that went out and the response, after the hooks of
 * both. Credentials go in the body or the `Authorization` header, never in the URL.
 */
export async function sendToEndpoint(
  options: ResolvedOptions,
  call: EndpointCall,
  send: (request: Request) => Promise<Response>,
): Promise<{ request: Request; response: Response; secrets: string[] }> {
  const url = endpointUrl(options, call);
  const body = new URLSearchParams(call.parameters);
  const headers = new Headers({
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
  });
  await authenticateClient(
    {
      method: options.clientAuthentication,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      privateKey: options.privateKey,
      audience: options.clientAssertionAudience ?? options.issuer ?? url,
      now: options.now(),
    },
    body,
    headers,
  );
  const hooked = await runRequestHooks(
    call.requestHooks,
    new Request(url, {
      method: "POST",
      headers,
      body: body.toString(),
      redirect: "manual",
      signal: call.signal,
    }),
  );
  // A hook may rebuild the request; it still must not follow redirects or leave https.
  const request = hooked.redirect === "manual"
    ? hooked
    : new Request(hooked, { redirect: "manual" });
  assertSecureTransport(new URL(request.url), call.endpoint);
  const response = await runResponseHooks(call.responseHooks, await send(request));
  return { request, response, secrets: secretsSent(body, headers, options) };
}
