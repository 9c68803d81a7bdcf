/**
 * Where refresh happens (RFC 6749 §6): the refresh request, and the keeper of the client's
 * token in its `TokenStore`: one refresh at a time in this process, and
 * across every instance sharing the store, under the store's lock and only if the store still
 * holds the expired token; hand-over to `onTokenUpdated`; no late refresh overwriting a newer
 * token.
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { pause, storeOperation, type TokenLease, type TokenStore } from "./token_store.ts";
import { isExpired } from "./token.ts";
import type { Token } from "./types.ts";
import { refreshCall } from "./grants.ts";
import { requestTokenWith, type TokenRequester } from "./token_request.ts";
import type { IdTokenHolder } from "./id_token.ts";

/** The token request of a refresh, in the steps the keeper needs to spend it safely. */
export interface RefreshRequest {
  /**
   * Refuses, before anything is sent, a refresh whose answer could not be accepted: a check
   * that can be made before the refresh token is spent is made before (e.g. an ID token held
   * without a known issuer).
   */
  prepare(held: Token | undefined): void;
  /** Sends the refresh; `signal` ends it once the holder can no longer prove its lease. */
  send(refreshToken: string, signal?: AbortSignal): Promise<Token>;
  /**
   * Checks what only the answer shows (its ID token, OpenID Connect Core §12.2). The server
   * has spent the old refresh token by then, so a refused answer is still kept (without its
   * ID token) before the error is thrown: the rotated refresh token is not lost.
   */
  accept(token: Token): Promise<void>;
}

/** How often a refreshed token's store write is tried before the caller hears of it. */
const WRITE_ATTEMPTS = 5;

/** A refreshed token the store has not taken yet, and the token it replaces there. */
interface Unstored {
  token: Token;
  replaces: string | undefined;
}

/** The token of one client. */
export class TokenKeeper {
  /** The token as this client last saw it in the store. */
  #token?: Token;
  #refreshing?: Promise<Token>;
  /** Set while `onTokenUpdated` has not accepted the current token. */
  #unsaved = false;
  /** A store write that `set` started and the next use awaits. */
  #writing?: Promise<void>;
  /** A refreshed token whose store write failed: this process holds its only copy. */
  #unstored?: Unstored;
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
    this.#unstored = undefined;
    this.#writing = this.#stored(
      token === undefined ? this.#store.delete() : this.#store.set(token),
    );
  }

  /** Makes `token` the client's in the store and awaits `onTokenUpdated` with it. */
  async replace(token: Token): Promise<void> {
    this.#token = token;
    this.#unstored = undefined;
    await this.#stored(this.#store.set(token));
    await this.#handOver(token);
  }

  /** The token in the store now (another instance may have changed it), also kept as seen. */
  async read(): Promise<Token | undefined> {
    // settle() has work only after a failed write or hand-over, or a background write: this
    // runs on every signed request, so it is not awaited for nothing.
    if (this.#writing !== undefined || this.#unsaved || this.#unstored) await this.settle();
    return this.#token = await this.#stored(this.#store.get());
  }

  /**
   * Finishes a pending store write, stores a refreshed token whose write failed before, and
   * hands the token over again if that failed before.
   */
  async settle(): Promise<void> {
    const writing = this.#writing;
    this.#writing = undefined;
    await writing;
    if (this.#unstored) await this.#storeUnstored(this.#unstored);
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
   * so the next caller tries again. `seen` is the token the caller wants replaced, as it was
   * in the store when the caller asked: a different token there by the time this instance
   * holds the lock means another instance refreshed after that, and it is taken instead.
   */
  refresh(
    refreshToken: string | undefined,
    request: RefreshRequest,
    seen: Token | undefined,
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
   * token other than `seen` means another instance refreshed (or someone logged in)
   * meanwhile, and that token is taken instead of spending the refresh token again.
   */
  async #refreshShared(request: RefreshRequest, seen: Token | undefined): Promise<Token> {
    await this.settle();
    return await this.#store.withLock(async (given) => {
      const lease = leaseOf(given);
      const current = await this.#stored(this.#store.get());
      if (current !== undefined && current.access_token !== seen?.access_token) {
        this.#token = current;
        return { ...current };
      }
      return await this.#refreshWith(current?.refresh_token, request, current, lease);
    });
  }

  async #refreshWith(
    refreshToken: string | undefined,
    request: RefreshRequest,
    before: Token | undefined,
    lease?: TokenLease,
  ): Promise<Token> {
    if (refreshToken === undefined) {
      throw new OAuthError(
        "missing_token",
        "refreshToken needs a refresh token: the client has none",
      );
    }
    request.prepare(before);
    // A holder that cannot prove its lease sends nothing: another may hold it by now.
    lease?.check();
    const token = await request.send(refreshToken, lease?.signal);
    // RFC 6749 §6: without a new refresh token, the old one stays valid.
    token.refresh_token ??= refreshToken;
    let refused: unknown;
    await request.accept(token).catch((error) => {
      refused = error;
      delete token.id_token;
    });
    await this.#keep({ token, replaces: before?.access_token }, lease);
    if (refused !== undefined) throw refused;
    return { ...token };
  }

  /**
   * Stores a refreshed token and hands it over. The server has already spent the old refresh
   * token, so when the store fails the token stays in this process, which stores it on its
   * next use; a late refresh of an older grant, finishing after a new login, is dropped.
   */
  async #keep(refreshed: Unstored, lease?: TokenLease): Promise<void> {
    try {
      if (!await this.#write(refreshed, lease)) return;
    } catch (error) {
      this.#token = refreshed.token;
      this.#unstored = refreshed;
      await this.#handOver(refreshed.token).catch(() => {});
      throw error;
    }
    this.#token = refreshed.token;
    this.#unstored = undefined;
    await this.#handOver(refreshed.token);
  }

  /** A refreshed token that the store did not take before, stored now under the lock. */
  async #storeUnstored(refreshed: Unstored): Promise<void> {
    await this.#store.withLock((given) => this.#write(refreshed, leaseOf(given)));
    if (this.#unstored === refreshed) this.#unstored = undefined;
  }

  /**
   * Writes `token` where the store still holds the token it replaces (with the lease's fenced
   * write when there is one): `false` when the store has moved on (a login, or a sibling's
   * refresh), and the pending token is obsolete. A failing store is tried a few times: while
   * this holder has the lock, no sibling can spend the old refresh token.
   */
  async #write({ token, replaces }: Unstored, lease?: TokenLease): Promise<boolean> {
    for (let attempt = 1;; attempt++) {
      try {
        const current = await this.#stored(this.#store.get());
        if (current?.access_token !== replaces) return false;
        await (lease ? lease.set(token) : this.#stored(this.#store.set(token)));
        return true;
      } catch (error) {
        const lost = error instanceof OAuthError && error.code === "lease_lost";
        if (lost || attempt >= WRITE_ATTEMPTS) throw error;
        await pause(5 + Math.random() * 20);
      }
    }
  }

  /** A store operation; a store of the app's own may reject with anything. */
  #stored<T>(operation: Promise<T>): Promise<T> {
    return storeOperation(operation, "keep the token");
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

/**
 * The lease a store handed to the locked work, if it handed one. Stores written before leases
 * existed called the work with no argument, or with whatever `promise.then(fn)` passed.
 */
function leaseOf(given: unknown): TokenLease | undefined {
  const lease = given as TokenLease | undefined;
  return typeof lease?.check === "function" && typeof lease.set === "function" ? lease : undefined;
}

/** What a client brings to a refresh: its token keeper, and what token requests need. */
export interface RefreshingClient extends TokenRequester, IdTokenHolder {
  readonly keeper: TokenKeeper;
}

/** Whether a refresh is possible: a held refresh token and a token endpoint to spend it at. */
export function canRefresh(client: RefreshingClient): boolean {
  return client.keeper.token?.refresh_token !== undefined &&
    client.options.endpoints.tokenEndpoint !== undefined;
}

/** The token to use now: the held one, refreshed first when it is (nearly) expired. */
export function currentToken(client: RefreshingClient): Promise<Token> {
  const { now, refreshLeeway } = client.options;
  return client.keeper.usable(
    now(),
    refreshLeeway,
    (expired) =>
      canRefresh(client)
        ? client.keeper.refresh(undefined, refreshRequest(client), expired)
        : undefined,
  );
}

/**
 * Refreshes `rejected` (a token a resource server refused), unless the store holds another by
 * the time this instance has the lock: then a sibling or another caller refreshed already.
 */
export function refreshRejected(client: RefreshingClient, rejected: Token): Promise<Token> {
  return client.keeper.refresh(undefined, refreshRequest(client), rejected);
}

/**
 * The token request of a refresh (RFC 6749 §6). An ID token held without a known issuer is
 * refused before the refresh token is spent: the answer's ID token could not be checked, and
 * the rotated refresh token would be lost with it. The answer's ID token is checked against
 * the first one (OpenID Connect Core §12.2).
 */
export function refreshRequest(client: RefreshingClient): RefreshRequest {
  return {
    prepare: (held) => {
      const { issuer, issuerTemplate } = client.options;
      if (held?.id_token !== undefined && issuer === undefined && issuerTemplate === undefined) {
        throw new TypeError(
          "the token holds an ID token, and the refreshed one could not be checked without the issuer option (or discover): nothing was sent",
        );
      }
    },
    send: (value, signal) =>
      requestTokenWith(client, { ...refreshCall(value, client.options.hooks), signal }),
    accept: async (token) => {
      if (token.id_token === undefined) return;
      // Only OpenID Connect has ID tokens: rarely used parts load on first use, not at a cold start.
      const { acceptIdToken } = await import("./_rarely_used.ts");
      await acceptIdToken(client, token, { original: client.idTokenClaims ?? {} });
    },
  };
}
