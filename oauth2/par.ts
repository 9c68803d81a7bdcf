/**
 * Pushed authorization requests (RFC 9126): the authorization request's parameters go to the
 * server over the back channel, with the client's authentication, and the browser is sent with
 * the `request_uri` that comes back and the `client_id` only.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { OAuthError } from "../errors.ts";
import {
  type EndpointOptions,
  type EndpointSend,
  endpointUrl,
  sendToEndpoint,
} from "./endpoint_request.ts";
import { readJsonObject } from "./json_response.ts";
import type { AuthorizationRequest } from "./types.ts";

/** Pushes the request that `built` describes and answers it with the front-channel URL. */
export async function pushAuthorizationRequest(
  options: EndpointOptions & { timeout: number },
  built: AuthorizationRequest,
  send: EndpointSend,
  callerSignal?: AbortSignal,
): Promise<AuthorizationRequest> {
  const call = {
    endpoint: "pushedAuthorizationRequestEndpoint",
    operation: "authorizationUrl({ par: true })",
  } as const;
  endpointUrl(options, call);
  // Every parameter of the authorization request, client_id included (RFC 9126 §2.1), which
  // client authentication sets rather than adds.
  const parameters = [...built.url.searchParams];
  const body = await withDeadline(options.timeout, callerSignal, async (signal) => {
    const { request, response, secrets } = await sendToEndpoint(
      options,
      { ...call, parameters, signal },
      send,
    );
    // RFC 9126 §2.2: 201 Created; another success status is not this protocol.
    if (response.ok && response.status !== 201) {
      await response.body?.cancel();
      throw new OAuthError(
        "unexpected_status",
        `expected 201 from the pushed authorization request endpoint, got ${response.status}`,
        { status: response.status },
      );
    }
    return await readJsonObject(
      response,
      request,
      "the pushed authorization request endpoint",
      secrets,
    );
  });
  const { request_uri: requestUri, expires_in: expiresIn } = body;
  if (typeof requestUri !== "string" || requestUri === "") {
    throw new OAuthError("invalid_response", "expected request_uri to be a non-empty string");
  }
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new OAuthError("invalid_response", "expected expires_in to be a positive number");
  }
  const url = new URL(built.url.origin + built.url.pathname);
  url.search = new URLSearchParams({ client_id: options.clientId, request_uri: requestUri })
    .toString();
  return { ...built, url };
}
