/**
 * What each instance in the shared-store tests does, in a process or in a Worker: `requests`
 * concurrent protected requests with one client, counted by outcome.
 */
import type { OAuth2Client } from "../../mod.ts";

/** `{ ok, statuses }`: how many answered 200, and every distinct status or error seen. */
export async function burst(client: OAuth2Client, url: string, requests: number) {
  const statuses = await Promise.all(
    Array.from({ length: requests }, async () => {
      try {
        const response = await client.fetch(url);
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
