/** A TokenStoreObject hosted in this process, as the Worker runtime would host it. */
import { TokenStoreObject } from "../../stores/durable_object.ts";

/** A TokenStoreObject over in-memory storage. */
export function inProcessObject(): TokenStoreObject {
  const storage = new Map<string, unknown>();
  return new TokenStoreObject({
    storage: {
      get: <T>(key: string) => Promise.resolve(storage.get(key) as T | undefined),
      put: (key, value) => Promise.resolve(void storage.set(key, value)),
      delete: (key) => Promise.resolve(storage.delete(key)),
    },
  });
}
