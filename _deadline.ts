/**
 * A deadline for one exchange with a server: the request and reading its answer. Internal.
 *
 * @module
 */

/** The default deadline of every exchange: 30 seconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

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
  // Rejects with the signal's reason once it aborts; the listener goes when `work` settles.
  let onAbort!: () => void;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort);
    if (signal.aborted) onAbort();
  });
  try {
    return await Promise.race([work(signal), stopped]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

/** Checks the `timeout` option: milliseconds, `0` for none. */
export function timeoutOption(value: unknown): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  // `Number.isFinite` is false for anything but a number.
  if (!Number.isFinite(value) || (value as number) < 0) {
    throw new RangeError("timeout must be a non-negative number of milliseconds (0 for none)");
  }
  return value as number;
}
