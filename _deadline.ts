/**
 * A deadline for one exchange with a server: the request and reading its answer. Internal.
 *
 * @module
 */

/** The default deadline of every exchange: 30 seconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Rejects with the signal's reason once it aborts; the listener goes with `release`. */
function aborted(signal: AbortSignal): { promise: Promise<never>; release: () => void } {
  let release = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    release = () => signal.removeEventListener("abort", onAbort);
  });
  return { promise, release };
}

/**
 * Runs `work` with a signal that aborts when the caller's does or after `timeoutMs` (a
 * `TimeoutError` `DOMException`); `0` means no deadline. The outcome is settled by whichever
 * comes first, so a `fetch` that ignores its signal cannot hang the caller either. The timer is
 * cleared when `work` settles.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  work: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeoutMs === 0 && callerSignal === undefined) return await work(undefined);
  const controller = new AbortController();
  const timer = timeoutMs === 0 ? undefined : setTimeout(() => {
    controller.abort(new DOMException(`no complete answer within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const signal = callerSignal
    ? AbortSignal.any([callerSignal, controller.signal])
    : controller.signal;
  const stop = aborted(signal);
  try {
    return await Promise.race([work(signal), stop.promise]);
  } finally {
    clearTimeout(timer);
    stop.release();
  }
}

/** Checks the `timeout` option: milliseconds, `0` for none. */
export function timeoutOption(value: unknown): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError("timeout must be a non-negative number of milliseconds (0 for none)");
  }
  return value;
}
