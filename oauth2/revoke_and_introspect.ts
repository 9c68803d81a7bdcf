/**
 * Revocation (RFC 7009) and introspection (RFC 7662) of one token.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { expectNonEmptyString, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import {
  type EndpointCall,
  failure,
  hookedSend,
  readJsonObject,
  sendToEndpoint,
} from "./_endpoint.ts";
import type { FetchLike } from "../_send.ts";
import type { ResolvedOptions } from "./options.ts";
import type { IntrospectionResponse, Token } from "./types.ts";
import { readCappedText, refuseRedirect } from "../_response.ts";

/**
 * The token an operation is about, with its hint: the one given, or else the held token of the
 * preferred kind (a refresh token for revocation, which ends the whole grant).
 */
export function chooseToken(
  held: Token | undefined,
  operation: string,
  token: string | undefined,
  hint: string | undefined,
  preferred: "refresh_token" | "access_token",
): [string, string | undefined] {
  for (const [name, value] of [["token", token], ["tokenTypeHint", hint]] as const) {
    if (value !== undefined) expectNonEmptyString(value, name);
  }
  if (token !== undefined) return [token, hint];
  if (preferred === "refresh_token" && held?.refresh_token) {
    return [held.refresh_token, hint ?? "refresh_token"];
  }
  if (held) return [held.access_token, hint ?? "access_token"];
  throw new OAuthError(
    "missing_token",
    `${operation} needs a token: pass one, or obtain one first`,
  );
}

/** What differs between revoking and introspecting: the endpoint, the hooks, the reader. */
interface TokenOperation<T> {
  endpoint: "revocationEndpoint" | "introspectionEndpoint";
  operation: "revokeToken" | "introspectToken";
  hooks: (options: ResolvedOptions) => EndpointCall["requestHooks"];
  read: (response: Response, request: Request, secrets: readonly string[]) => Promise<T>;
}

const REVOCATION: TokenOperation<void> = {
  endpoint: "revocationEndpoint",
  operation: "revokeToken",
  hooks: (options) => options.hooks.revokeTokenRequest,
  read: readRevocationResponse,
};

const INTROSPECTION: TokenOperation<IntrospectionResponse> = {
  endpoint: "introspectionEndpoint",
  operation: "introspectToken",
  hooks: (options) => options.hooks.introspectTokenRequest,
  read: readIntrospectionResponse,
};

/** Sends `token` (with its hint) to the operation's endpoint and reads the answer, in time. */
function perform<T>(
  kind: TokenOperation<T>,
  options: ResolvedOptions,
  send: FetchLike,
  token: string,
  hint: string | undefined,
  callerSignal: AbortSignal | undefined,
): Promise<T> {
  const parameters: [string, string][] = [["token", token]];
  if (hint !== undefined) parameters.push(["token_type_hint", hint]);
  return withDeadline(options.timeout, callerSignal, async (signal) => {
    const { request, response, secrets } = await sendToEndpoint(options, {
      endpoint: kind.endpoint,
      operation: kind.operation,
      parameters,
      requestHooks: kind.hooks(options),
      signal,
    }, hookedSend(send, options.allowInsecureRequests));
    return await kind.read(response, request, secrets);
  });
}

/** Revokes a token (RFC 7009 §2.1), within the client's deadline. */
export function revoke(
  options: ResolvedOptions,
  send: FetchLike,
  token: string,
  hint?: string,
  callerSignal?: AbortSignal,
): Promise<void> {
  return perform(REVOCATION, options, send, token, hint, callerSignal);
}

/** Introspects a token (RFC 7662 §2.1), within the client's deadline. */
export function introspect(
  options: ResolvedOptions,
  send: FetchLike,
  token: string,
  hint?: string,
  callerSignal?: AbortSignal,
): Promise<IntrospectionResponse> {
  return perform(INTROSPECTION, options, send, token, hint, callerSignal);
}

/**
 * Reads a revocation response: RFC 7009 §2.2 answers 200 whether or not the token was valid,
 * so any 2xx is success and its body is not parsed; anything else is the server's error.
 */
export async function readRevocationResponse(
  response: Response,
  request: Request,
  sensitive: readonly string[],
): Promise<void> {
  await refuseRedirect(response, request.url, "the revocation endpoint");
  const text = await readCappedText(response);
  if (!response.ok) throw failure(response, text, "the revocation endpoint", sensitive);
}

/** Reads an introspection response: a JSON object whose `active` is a boolean (RFC 7662 §2.2). */
export async function readIntrospectionResponse(
  response: Response,
  request: Request,
  sensitive: readonly string[],
): Promise<IntrospectionResponse> {
  const body = await readJsonObject(response, request, "the introspection endpoint", sensitive);
  if (typeof body.active !== "boolean") {
    throw new OAuthError(
      "invalid_response",
      `expected active to be a boolean in the introspection response, got ${typeOf(body.active)}`,
      { status: response.status },
    );
  }
  return body as IntrospectionResponse;
}
