/**
 * The logins in progress in one browser. Each has a cookie of its own,
 * `__Host-oauth-<provider>.<id>`, sealed for that name and valid ten minutes, so that two tabs
 * (or a double-clicked "Log in") each finish their own login: one login never rewrites
 * another's cookie, and two requests at once cannot lose one. A browser keeps at most
 * {@linkcode MAX_PENDING_LOGINS} per provider, the oldest dropped, so the cookies stay few and
 * small beside the app's own.
 *
 * @module
 */
import { timingSafeEqual } from "../_compare.ts";
import { randomBase64url } from "../_random.ts";
import { type CookieSealer, readSealedCookies, setCookie } from "./cookies.ts";

/** How many logins of one provider a browser keeps in progress; a new one drops the oldest. */
export const MAX_PENDING_LOGINS = 5;

/** How long a login may take, in seconds (checklist A6). */
export const LOGIN_SECONDS = 10 * 60;

/** What a login cookie holds: the transaction the callback is checked against. */
export interface Transaction {
  /** A random id: the cookie's name ends with it, and the store of finished logins keeps it. */
  id: string;
  provider: string;
  /** When the login started, in milliseconds since the epoch: the oldest is dropped first. */
  started: number;
  redirectUri: string;
  state?: string;
  codeVerifier?: string;
  nonce?: string;
  /**
   * The login asked for `response_mode=form_post`: only its POSTed callback's body may carry
   * Sign in with Apple's `user`.
   */
  formPost?: boolean;
  oauth1?: { oauth_token: string; oauth_token_secret: string };
}

/** One login in progress: its cookie's name and what it holds. */
export interface PendingLogin {
  cookie: string;
  transaction: Transaction;
}

/** The logins of one provider in a request's cookies. */
export interface PendingLogins {
  /** Those that opened, oldest first. */
  open: PendingLogin[];
  /** The names of those that did not: expired, altered, or sealed with another secret. */
  stale: string[];
}

/** The prefix of a provider's login cookies; `.` is in no provider name, so it ends the name. */
export function loginCookiePrefix(provider: string): string {
  return `__Host-oauth-${provider}.`;
}

/** A new login's id, for its transaction. */
export function newLoginId(): string {
  return randomBase64url(16);
}

/**
 * The `Set-Cookie` value that keeps `transaction` in this browser for the login's time. A login
 * the provider answers with a cross-site form `POST` (`formPost`: `response_mode=form_post`)
 * gets `SameSite=None`, as a `Lax` cookie would not come with that callback.
 */
export async function pendingLoginCookie(
  sealer: CookieSealer,
  transaction: Transaction,
  formPost = false,
): Promise<string> {
  const name = loginCookiePrefix(transaction.provider) + transaction.id;
  const expires = Math.floor(transaction.started / 1000) + LOGIN_SECONDS;
  const sealed = await sealer.seal(name, transaction, expires);
  return setCookie(name, sealed, LOGIN_SECONDS, { sameSite: formPost ? "None" : "Lax" });
}

/** The `Set-Cookie` value that ends the login cookie `name`. */
export function endedLoginCookie(name: string): string {
  return setCookie(name, "", 0);
}

/** The logins of `provider` that `request` carries, each opened with its own cookie's name. */
export async function pendingLogins(
  request: Request,
  sealer: CookieSealer,
  provider: string,
  nowSeconds: number,
): Promise<PendingLogins> {
  const open: PendingLogin[] = [];
  const stale: string[] = [];
  for (const [cookie, value] of readSealedCookies(request, loginCookiePrefix(provider))) {
    const transaction = await sealer.open(cookie, value, nowSeconds) as Transaction | undefined;
    // The name is sealed in (additional data): a provider or id in it cannot be another's.
    if (transaction?.provider === provider) open.push({ cookie, transaction });
    else stale.push(cookie);
  }
  open.sort((a, b) => a.transaction.started - b.transaction.started);
  return { open, stale };
}

/**
 * The login cookies a new login ends: those that no longer open, and the oldest, so that with
 * the new one at most {@linkcode MAX_PENDING_LOGINS} remain.
 */
export function cookiesDroppedBy({ open, stale }: PendingLogins): string[] {
  const over = Math.max(0, open.length - (MAX_PENDING_LOGINS - 1));
  return [...stale, ...open.slice(0, over).map(({ cookie }) => cookie)];
}

/**
 * The login a callback answers: the one whose `state` (OAuth 2.0) or temporary `oauth_token`
 * (OAuth 1.0a) it carries, compared in constant time. Only the callback's first value is
 * looked at: the client refuses a parameter sent twice when it checks the callback in full.
 */
export function loginAnswered(logins: PendingLogin[], callback: URL): PendingLogin | undefined {
  return logins.find(({ transaction }) => {
    const [name, expected] = transaction.oauth1
      ? ["oauth_token", transaction.oauth1.oauth_token]
      : ["state", transaction.state];
    const sent = callback.searchParams.get(name);
    return sent !== null && expected !== undefined && timingSafeEqual(sent, expected);
  });
}
