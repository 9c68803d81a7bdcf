/**
 * Revocation (RFC 7009) and introspection (RFC 7662) of one token.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { expectNonEmptyString } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { type EndpointCall, sendToEndpoint } from "./endpoint_request.ts";
import type { FetchLike } from "../_send.ts";
import { hookedSend } from "./hooked_send.ts";
import { readIntrospectionResponse } from "./introspection.ts";
import type { ResolvedOptions } from "./options.ts";
import { readRevocationResponse } from "./revocation.ts";
import type { IntrospectionResponse, Token } from "./types.ts";

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
