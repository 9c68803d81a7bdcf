/**
 * Token introspection (RFC 7662).
 *
 * @module
 */
import { typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { readJsonObject } from "./json_response.ts";
import type { IntrospectionResponse } from "./types.ts";

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
