/**
 * Holding the client's token: one refresh at a time, hand-over to `onTokenUpdated`, and no
 * late refresh overwriting a newer token. In one process; shared stores come with
 * `TokenStore`.
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { isExpired } from "./token.ts";
import type { Token } from "./types.ts";

/** Asks the token endpoint for a new token with a refresh token; resolves with the response. */
export type RefreshRequest = (refreshToken: string) => Promise<Token>;

/** The token of one client. */
export class TokenKeeper {
  #token?: Token;
  #refreshing?: Promise<Token>;
  /** Set while `onTokenUpdated` has not accepted the current token. */
  #unsaved = false;
  readonly #onTokenUpdated?: (token: Token) => void | Promise<void>;

  constructor(token: Token | undefined, onTokenUpdated?: (token: Token) => void | Promise<void>) {
    this.#token = token;
    this.#onTokenUpdated = onTokenUpdated;
  }

  /** The token held, or `undefined`. */
  get token(): Token | undefined {
    return this.#token;
  }

  /** Holds `token` without a hand-over (the caller has it in hand), or forgets the token. */
  set(token: Token | undefined): void {
    this.#token = token;
    this.#unsaved = false;
  }

  /** Makes `token` the client's and awaits `onTokenUpdated` with it. */
  async replace(token: Token): Promise<void> {
    this.#token = token;
    await this.#handOver(token);
  }

  /** Hands the held token over again if `onTokenUpdated` failed for it before. */
  async settle(): Promise<void> {
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
    refresh: () => Promise<Token> | undefined,
  ): Promise<Token> {
    await this.settle();
    const token = this.#token;
    if (token === undefined) {
      throw new OAuthError(
        "missing_token",
        "the client has no access token: obtain one with fetchToken first",
      );
    }
    if (!isExpired(token, now, leewaySeconds)) return token;
    const refreshed = refresh();
    if (refreshed !== undefined) return await refreshed;
    if (!isExpired(token, now, 0)) return token;
    throw new OAuthError("token_expired", "the access token has expired and cannot be refreshed");
  }

  /**
   * Refreshes with `refreshToken`, or the held one. The held refresh token is spent once,
   * however many callers ask at the same time (RFC 9700 §4.14); a failed refresh is not kept,
   * so the next caller tries again.
   */
  refresh(refreshToken: string | undefined, request: RefreshRequest): Promise<Token> {
    if (refreshToken !== undefined && refreshToken !== this.#token?.refresh_token) {
      return this.#refreshWith(refreshToken, request);
    }
    this.#refreshing ??= this.#refreshWith(this.#token?.refresh_token, request).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshWith(refreshToken: string | undefined, request: RefreshRequest): Promise<Token> {
    if (refreshToken === undefined) {
      throw new OAuthError(
        "missing_token",
        "refreshToken needs a refresh token: the client has none",
      );
    }
    const before = this.#token;
    const token = await request(refreshToken);
    // RFC 6749 §6: without a new refresh token, the old one stays valid.
    token.refresh_token ??= refreshToken;
    // A refresh of an older grant that finishes after a new login must not overwrite it.
    if (this.#token === before) await this.replace(token);
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
