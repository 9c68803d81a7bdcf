/** A Deno KV whose every operation passes through the test's hands: to fail, hang or delay it. */
import type { KvKey, KvLike } from "../../stores/deno_kv.ts";

/** One operation: its kind and, for an atomic commit, the keys it writes and deletes. */
export interface KvCall {
  kind: "get" | "set" | "delete" | "commit";
  sets: KvKey[];
  deletes: KvKey[];
}

/** `kv`, with each operation handed to `around`, which runs it, or does not. */
export function kvThrough(
  kv: Deno.Kv,
  around: <T>(call: KvCall, operation: () => Promise<T>) => Promise<T>,
): KvLike {
  const call = (kind: KvCall["kind"], sets: KvKey[] = [], deletes: KvKey[] = []) => ({
    kind,
    sets,
    deletes,
  });
  return {
    get: (key) => around(call("get"), () => kv.get(key)),
    set: (key, value) => around(call("set", [key]), () => kv.set(key, value)),
    delete: (key) => around(call("delete", [], [key]), () => kv.delete(key)),
    atomic: () => {
      const atomic = kv.atomic();
      const commit = call("commit");
      const wrapped: ReturnType<KvLike["atomic"]> = {
        check: (...checks) => (atomic.check(...checks), wrapped),
        set: (key, value) => (commit.sets.push(key), atomic.set(key, value), wrapped),
        delete: (key) => (commit.deletes.push(key), atomic.delete(key), wrapped),
        commit: () => around(commit, () => atomic.commit()),
      };
      return wrapped;
    },
  };
}
