/**
 * Revocation (RFC 7009) and introspection (RFC 7662) of one token.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { sendToEndpoint } from "./endpoint_request.ts";
import { readIntrospectionResponse } from "./introspection.ts";
import type { ResolvedOptions } from "./options.ts";
import { readRevocationResponse } from "./revocation.ts";
import type { IntrospectionResponse, Token } from "./types.ts";

type Send = (request: Request) => Promise<Response>;

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
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new TypeError(`${name} must be a non-empty string, got ${typeOf(value)}`);
    }
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

function call(
  options: ResolvedOptions,
  send: Send,
  endpoint: "revocationEndpoint" | "introspectionEndpoint",
  token: string,
  hint: string | undefined,
  signal: AbortSignal | undefined,
) {
  const parameters: [string, string][] = [["token", token]];
  if (hint !== undefined) parameters.push(["token_type_hint", hint]);
  const revoking = endpoint === "revocationEndpoint";
  return sendToEndpoint(options, {
    endpoint,
    operation: revoking ? "revokeToken" : "introspectToken",
    parameters,
    requestHooks: revoking
      ? options.hooks.revokeTokenRequest
      : options.hooks.introspectTokenRequest,
    signal,
  }, send);
}

/** Revokes a token (RFC 7009 §2.1), within the client's deadline. */
export function revoke(
  options: ResolvedOptions,
  send: Send,
  token: string,
  hint?: string,
  callerSignal?: AbortSignal,
): Promise<void> {
  return withDeadline(options.timeout, callerSignal, async (signal) => {
    const { request, response, secrets } = await call(
      options,
      send,
      "revocationEndpoint",
      token,
      hint,
      signal,
    );
    await readRevocationResponse(response, request, secrets);
  });
}

/** Introspects a token (RFC 7662 §2.1), within the client's deadline. */
export function introspect(
  options: ResolvedOptions,
  send: Send,
  token: string,
  hint?: string,
  callerSignal?: AbortSignal,
): Promise<IntrospectionResponse> {
  return withDeadline(options.timeout, callerSignal, async (signal) => {
    const { request, response, secrets } = await call(
      options,
      send,
      "introspectionEndpoint",
      token,
      hint,
      signal,
    );
    return await readIntrospectionResponse(response, request, secrets);
  });
}
