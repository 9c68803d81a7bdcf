/**
 * `Retry-After` (RFC 9110 §10.2.3): how long a server asked the client to wait. Internal.
 *
 * @module
 */

const DELTA_SECONDS = /^\d{1,10}$/;
// RFC 9110 §5.6.7, one pattern for the three forms after the day name's first three letters:
// IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients accept.
const HTTP_DATE =
  /^[A-Z][a-z]{2}(?:, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT|[a-z]{3,6}, \d\d-[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d GMT| [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/**
 * Seconds to wait, from a `Retry-After` header: delay-seconds as given, an HTTP-date as the
 * time from `now` (milliseconds) to that date, never negative. `undefined` when the header is
 * absent or neither form.
 */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim() ?? "";
  if (DELTA_SECONDS.test(value)) return Number(value);
  if (!HTTP_DATE.test(value)) return undefined;
  // asctime has no zone: it is GMT too.
  const date = Date.parse(value.endsWith("GMT") ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
