/**
 * Compliance hooks: functions that rewrite a request before it is sent or a response before
 * it is read, to work around providers that break the RFCs.
 *
 * @module
 */

/** Rewrites an outgoing request; may be async. Throwing aborts the request with that error. */
export type RequestHook = (request: Request) => Request | Promise<Request>;

/** Rewrites an incoming response before the library reads it; may be async. */
export type ResponseHook = (response: Response) => Response | Promise<Response>;

/** Ordered hooks per point of the request lifecycle. */
export interface Hooks {
  /** Before a token request (any grant but refresh) is sent. */
  accessTokenRequest?: RequestHook[];
  /** Before a token response is read. */
  accessTokenResponse?: ResponseHook[];
  /** Before a refresh request is sent. */
  refreshTokenRequest?: RequestHook[];
  /** Before a refresh response is read. */
  refreshTokenResponse?: ResponseHook[];
  /** Before a revocation request is sent. */
  revokeTokenRequest?: RequestHook[];
  /** Before an introspection request is sent. */
  introspectTokenRequest?: RequestHook[];
  /** Before a request to a protected resource is sent, after it has been signed. */
  protectedRequest?: RequestHook[];
}
