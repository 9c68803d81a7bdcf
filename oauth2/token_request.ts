/**
 * One token request (RFC 6749 §3.2): the call sent to the token endpoint and the response read
 * into a checked `Token`, all within the deadline.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import {
  type EndpointCall,
  type EndpointOptions,
  type EndpointSend,
  sendToEndpoint,
} from "./endpoint_request.ts";
import { readJsonObject } from "./json_response.ts";
import { validateTokenResponse } from "./token.ts";
import type { Token } from "./types.ts";

/** Sends a token request and answers the token, or throws the typed error it came to. */
export function requestToken(
  options: EndpointOptions & { timeout: number },
  call: EndpointCall,
  send: EndpointSend,
): Promise<Token> {
  return withDeadline(options.timeout, call.signal, async (signal) => {
    const { request, response, secrets } = await sendToEndpoint(options, { ...call, signal }, send);
    const body = await readJsonObject(response, request, "the token endpoint", secrets);
    const token = validateTokenResponse(body, options.now(), response.status, call.tokenTypes);
    call.checkToken?.(token, response.status);
    return token;
  });
}
