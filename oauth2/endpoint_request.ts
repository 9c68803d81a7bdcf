/**
 * One way to call the authorization server's back-channel endpoints (token, revocation,
 * introspection): a form-encoded UTF-8 body, `Accept: application/json`, the client's
 * authentication, the hooks of the point, and `redirect: "manual"` so that a redirect never
 * replays credentials (RFC 9700 §4.12).
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import type { FetchLike } from "../_send.ts";
import type { RequestHook, ResponseHook } from "../_hooks.ts";
import type { ClientAuthentication, ClientIdentity } from "./client_auth.ts";
import type { JwsKey } from "./jwt.ts";
import type { EndpointOption } from "./options.ts";

/**
 * What a call to an endpoint needs of the client. `authenticate` is injected so that a bundle
 * that never signs client assertions does not carry the JWT code.
 */
export interface EndpointOptions {
  clientId: string;
  clientSecret?: string;
  clientAuthentication: ClientAuthentication;
  privateKey?: JwsKey;
  clientAssertionAudience?: string;
  issuer?: string;
  endpoints: Partial<Record<EndpointOption, string>>;
  /** `http:` beyond loopback was allowed by the caller. */
  allowInsecureRequests: boolean;
  now: () => number;
  authenticate: (
    identity: ClientIdentity,
    body: URLSearchParams,
    headers: Headers,
  ) => void | Promise<void>;
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
function secretsSent(body: URLSearchParams, headers: Headers, options: EndpointOptions): string[] {
  const values = [...body].flatMap(([name, value]) => SECRET_PARAMETER.test(name) ? value : []);
  const basic = /^Basic (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
  // An empty string stands for an absent one: `excerpt` never cuts out short values.
  return [...values, options.clientSecret ?? "", basic ?? ""];
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
  await options.authenticate(
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
  return { request, response, secrets: secretsSent(body, headers, options) };
}
