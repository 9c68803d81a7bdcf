/**
 * A local Deno KV database (SQLite) written by another process or handle answers "database is
 * locked" for a moment. Internal to the KV stores.
 *
 * @module
 */
import { pause } from "../oauth2/token_store.ts";

/**
 * Runs a KV operation again when a local SQLite-backed database is busy with another process
 * ("database is locked"), a few times with a short random pause; anything else is thrown.
 */
export async function busyRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const busy = error instanceof Error && /database is locked/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await pause(5 + Math.random() * 20);
    }
  }
}
