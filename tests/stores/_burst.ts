/**
 * What each instance in the shared-store tests does, in a process or in a Worker: one client
 * on the shared store, `requests` concurrent protected requests, counted by outcome.
 */
import { type FetchLike, OAuth2Client } from "../../mod.ts";
import type { TokenStore } from "../../oauth2/token_store.ts";
import type { OidcTestProvider } from "../oauth2/_oidc_provider.ts";

/** What an instance needs of the provider, as JSON the test hands it. */
export function burstConfig(op: OidcTestProvider, requests: number) {
  return {
    requests,
    clientId: op.clients.public.clientId,
    issuer: op.issuer,
    tokenEndpoint: op.tokenEndpoint,
    userinfoEndpoint: op.userinfoEndpoint,
    jwksUri: op.jwksUri,
  };
}

/** {@linkcode burstConfig}'s answer. */
export type BurstConfig = ReturnType<typeof burstConfig>;

/** `{ ok, statuses }`: how many answered 200, and every distinct status or error seen. */
export async function burst(config: BurstConfig, store: TokenStore, send?: FetchLike) {
  const client = new OAuth2Client({
    clientId: config.clientId,
    issuer: config.issuer,
    tokenEndpoint: config.tokenEndpoint,
    jwksUri: config.jwksUri,
    store,
    fetch: send,
  });
  const statuses = await Promise.all(
    Array.from({ length: config.requests }, async () => {
      try {
        const response = await client.fetch(config.userinfoEndpoint);
        await response.body?.cancel();
        return response.status;
      } catch (error) {
        return String(error);
      }
    }),
  );
  return {
    ok: statuses.filter((status) => status === 200).length,
    statuses: [...new Set(statuses)],
  };
}
