/**
 * Following redirects of protected-resource requests without leaking credentials. Internal.
 *
 * `fetch` would follow a redirect with the request as signed: a 307/308 replays a signed body
 * (with a PLAINTEXT secret or a token in it) to wherever `Location` points, and a same-origin
 * hop arrives with a signature for the wrong URL. So requests go out with
 * `redirect: "manual"` and each hop is decided here: same origin, signed again for the new
 * URL; another origin, followed without credentials; https to http, refused.
 *
 * @module
 */
import { OAuthError } from "./errors.ts";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
// Credentials a caller may have set by hand; never sent on to another origin.
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/**
 * What a client does with a redirect to another origin: follow it without any credential (the
 * default), or refuse it with `redirect_refused`.
 */
export type CrossOriginRedirect = "follow-without-credentials" | "refuse";

/** Checks the `crossOriginRedirect` option. */
export function crossOriginRedirectOption(value: unknown): CrossOriginRedirect {
  if (value === undefined) return "follow-without-credentials";
  if (value === "follow-without-credentials" || value === "refuse") return value;
  throw new TypeError('crossOriginRedirect must be "follow-without-credentials" or "refuse"');
}

/**
 * Sends `request` signed by `sign`, following up to 5 redirects safely. A request whose
 * `redirect` is `"manual"` or `"error"` is sent as it is: the caller chose.
 */
export async function fetchWithSafeRedirects(
  request: Request,
  sign: (request: Request) => Promise<Request>,
  send: (request: Request) => Promise<Response>,
  crossOrigin: CrossOriginRedirect = "follow-without-credentials",
): Promise<Response> {
  if (request.redirect !== "follow") return await send(await sign(request));
  let current = new Request(request, { redirect: "manual" });
  let withCredentials = true;
  for (let hops = 0;; hops++) {
    const response = await send(withCredentials ? await sign(current) : current.clone());
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    const from = new URL(current.url);
    if (!URL.canParse(location, from)) return response;
    const to = new URL(location, from);
    await response.body?.cancel();
    if (from.protocol === "https:" && to.protocol !== "https:") {
      throw new OAuthError(
        "redirect_refused",
        `refused a redirect from https to ${to.protocol} (${to.origin})`,
        { status: response.status },
      );
    }
    if (hops === MAX_REDIRECTS) {
      throw new OAuthError(
        "too_many_redirects",
        `followed ${MAX_REDIRECTS} redirects; refused the next one to ${to.origin}`,
        { status: response.status },
      );
    }
    const leavesOrigin = to.origin !== from.origin;
    if (leavesOrigin && crossOrigin === "refuse") {
      throw new OAuthError(
        "redirect_refused",
        `refused a redirect to another origin (${to.origin})`,
        {
          status: response.status,
        },
      );
    }
    current = await redirected(current, response.status, to, leavesOrigin);
    if (leavesOrigin) withCredentials = false;
  }
}

/** The request for the next hop (RFC 9110 §15.4), as browsers build it. */
async function redirected(
  current: Request,
  status: number,
  to: URL,
  crossOrigin: boolean,
): Promise<Request> {
  // 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET.
  const toGet = (status === 303 && current.method !== "HEAD") ||
    ((status === 301 || status === 302) && current.method === "POST");
  const headers = new Headers(current.headers);
  if (toGet) {
    headers.delete("content-type");
    headers.delete("content-length");
  }
  if (crossOrigin) { for (const name of CREDENTIAL_HEADERS) headers.delete(name); }
  const body = toGet || current.body === null ? null : await current.arrayBuffer();
  return new Request(to, {
    method: toGet ? "GET" : current.method,
    headers,
    body,
    redirect: "manual",
    signal: current.signal,
  });
}
