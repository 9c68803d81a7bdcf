/**
 * Token revocation (RFC 7009).
 *
 * @module
 */
import { readCappedText, refuseRedirect } from "../_response.ts";
import { failure } from "./json_response.ts";

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
