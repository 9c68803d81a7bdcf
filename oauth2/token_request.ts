/**
 * The client's token request: through its hooks, and bound to its DPoP key when it has one
 * (RFC 9449), for every grant and refresh. What each grant sends, and the request both the
 * client and the functional code flow make, are `grants.ts`'.
 *
 * @module
 */
import type { FetchLike } from "../_send.ts";
import { type EndpointCall, hookedSend } from "./_endpoint.ts";
import type { DPoPProver } from "./dpop.ts";
import { requestToken } from "./grants.ts";
import type { ResolvedOptions } from "./options.ts";
import type { Token } from "./types.ts";

/** What a client brings to a token request: its options, its fetch and its DPoP prover, if any. */
export interface TokenRequester {
  readonly options: ResolvedOptions;
  readonly send: FetchLike;
  /** The prover of the `dpop` key pair, made on first use. */
  dpop?: DPoPProver;
}

/**
 * Sends a token request through the client's hooks (and with DPoP proofs when the client has a
 * key, `requestBoundToken`) and reads the token, within the deadline.
 */
export async function requestTokenWith(
  client: TokenRequester,
  call: EndpointCall,
): Promise<Token> {
  const { options } = client;
  const hooked = hookedSend(client.send, options.allowInsecureRequests);
  if (options.dpop === undefined) return await requestToken(options, call, hooked);
  // DPoP is rarely used: rarely used parts load on first use, not at a cold start.
  const { proverOf, requestBoundToken } = await import("./_rarely_used.ts");
  return await requestBoundToken(
    (bound, send) => requestToken(options, bound, send),
    call,
    hooked,
    proverOf(client, options.dpop),
  );
}
