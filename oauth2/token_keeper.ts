/**
 * Holding the client's token in its `TokenStore`: one refresh at a time in this process, and
 * across every instance sharing the store, under the store's lock and only if the store still
 * holds the expired token; hand-over to `onTokenUpdated`; no late refresh overwriting a newer
 * token.
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import type { TokenStore } from "../stores/token_store.ts";
import { isExpired } from "./token.ts";
import type { Token } from "./types.ts";

/** Asks the token endpoint for a new token with a refresh token; resolves with the response. */
export type RefreshRequest = (refreshToken: string) => Promise<Token>;

/** The token of one client. */
export class TokenKeeper {
  /** The token as this client last saw it in the store. */
  #token?: Token;
  #refreshing?: Promise<Token>;
  /** Set while `onTokenUpdated` has not accepted the current token. */
  #unsaved = false;
  /** A store write that `set` started and the next use awaits. */
  #writing?: Promise<void>;
  readonly #store: TokenStore;
  readonly #onTokenUpdated?: (token: Token) => void | Promise<void>;

  constructor(
    store: TokenStore,
    initial: Token | undefined,
    onTokenUpdated?: (token: Token) => void | Promise<void>,
  ) {
    this.#store = store;
    this.#token = initial;
    this.#onTokenUpdated = onTokenUpdated;
  }

  /** The token as last seen, or `undefined`. */
  get token(): Token | undefined {
    return this.#token;
  }

  /**
   * Holds `token` without a hand-over (the caller has it in hand), or forgets the token. The
   * store is written in the background; the next use waits for it and reports its failure.
   */
  set(token: Token | undefined): void {
    this.#token = token;
    this.#unsaved = false;
    this.#writing = token === undefined ? this.#store.delete() : this.#store.set(token);
  }

  /** Makes `token` the client's in the store and awaits `onTokenUpdated` with it. */
  async replace(token: Token): Promise<void> {
    this.#token = token;
    await this.#store.set(token);
    await this.#handOver(token);
  }

  /** The token in the store now (another instance may have changed it), also kept as seen. */
  async read(): Promise<Token | undefined> {
    // settle() has work only after a failed hand-over or a background write: this runs on
    // every signed request, so it is not awaited for nothing.
    if (this.#writing !== undefined || this.#unsaved) await this.settle();
    return this.#token = await this.#store.get();
  }

  /** Finishes a pending store write, and hands the token over again if that failed before. */
  async settle(): Promise<void> {
    const writing = this.#writing;
    this.#writing = undefined;
    await writing;
    if (this.#unsaved && this.#token) await this.#handOver(this.#token);
  }

  /**
   * The token to put on a request now: the held one while it is fresh; when it is within
   * `leewaySeconds` of expiry, the result of `refresh` (which returns `undefined` when there is
   * no way to refresh). A token within the leeway but not expired is still used; an expired one
   * without a refresh is `token_expired`.
   */
  async usable(
    now: number,
    leewaySeconds: number,
    refresh: (expired: Token) => Promise<Token> | undefined,
  ): Promise<Token> {
    const token = await this.read();
    if (token === undefined) {
      throw new OAuthError(
        "missing_token",
        "the client has no access token: obtain one with fetchToken first",
      );
    }
    if (!isExpired(token, now, leewaySeconds)) return token;
    const refreshed = refresh(token);
    if (refreshed !== undefined) return await refreshed;
    if (!isExpired(token, now, 0)) return token;
    throw new OAuthError("token_expired", "the access token has expired and cannot be refreshed");
  }

  /**
   * Refreshes with `refreshToken`, or the held one. The held refresh token is spent once,
   * however many callers ask at the same time (RFC 9700 §4.14); a failed refresh is not kept,
   * so the next caller tries again. `seen` is the token the caller wants replaced (by default
   * the last one read).
   */
  refresh(
    refreshToken: string | undefined,
    request: RefreshRequest,
    seen: Token | undefined = this.#token,
  ): Promise<Token> {
    if (refreshToken !== undefined && refreshToken !== this.#token?.refresh_token) {
      return this.#refreshWith(refreshToken, request, this.#token);
    }
    this.#refreshing ??= this.#refreshShared(request, seen).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /**
   * The refresh of the token in the store, under its lock. The store is read again there: a
   * token other than `seen` (the expired one the caller found) means another instance
   * refreshed (or someone logged in) meanwhile, and that token is taken instead of spending
   * the refresh token again. `seen` comes from the caller: the last token read may already be
   * the other instance's new one, which must not be refreshed a second time.
   */
  async #refreshShared(request: RefreshRequest, seen: Token | undefined): Promise<Token> {
    await this.settle();
    return await this.#store.withLock(async () => {
      const current = await this.#store.get();
      if (current !== undefined && current.access_token !== seen?.access_token) {
        this.#token = current;
        return { ...current };
      }
      return await this.#refreshWith(current?.refresh_token, request, current);
    });
  }

  async #refreshWith(
    refreshToken: string | undefined,
    request: RefreshRequest,
    before: Token | undefined,
  ): Promise<Token> {
    if (refreshToken === undefined) {
      throw new OAuthError(
        "missing_token",
        "refreshToken needs a refresh token: the client has none",
      );
    }
    const token = await request(refreshToken);
    // RFC 6749 §6: without a new refresh token, the old one stays valid.
    token.refresh_token ??= refreshToken;
    // A refresh of an older grant that finishes after a new login must not overwrite it.
    const now = await this.#store.get();
    if (now?.access_token === before?.access_token) await this.replace(token);
    return { ...token };
  }

  /**
   * Awaits `onTokenUpdated`. If it throws, the token is kept and handed over again before the
   * client next uses it, so a rotated refresh token is not lost to storage.
   */
  async #handOver(token: Token): Promise<void> {
    this.#unsaved = true;
    try {
      await this.#onTokenUpdated?.({ ...token });
    } catch (cause) {
      throw new OAuthError(
        "token_update_failed",
        "onTokenUpdated failed; the client keeps the new token and hands it over again on its next use",
        { cause },
      );
    }
    this.#unsaved = false;
  }
}
