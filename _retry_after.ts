/**
 * `Retry-After` (RFC 9110 §10.2.3): how long a server asked the client to wait. Internal.
 *
 * @module
 */

const DELTA_SECONDS = /^\d{1,10}$/;
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients accept.
const HTTP_DATE = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Seconds to wait, from a `Retry-After` header: delay-seconds as given, an HTTP-date as the
 * time from `now` (milliseconds) to that date, never negative. `undefined` when the header is
 * absent or neither form.
 */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  if (DELTA_SECONDS.test(value)) return Number(value);
  if (!HTTP_DATE.some((form) => form.test(value))) return undefined;
  // asctime has no zone: it is GMT too.
  const date = Date.parse(/GMT$/.test(value) ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
