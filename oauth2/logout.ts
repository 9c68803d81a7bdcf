/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the URL at the provider's
 * end-session endpoint that the browser is sent to, so that the user is logged out there too
 * and, when asked, sent back to the app.
 *
 * @module
 */
import { appendFormParameters, type ParameterList } from "../_encoding.ts";
import { expectAbsoluteUri, expectNonEmptyString, expectObject, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";

/** What `endSessionUrl` sends (OpenID Connect RP-Initiated Logout 1.0 §2); all optional. */
export interface EndSessionParams {
  /**
   * `id_token_hint`: the ID token the provider issued at login (the token's `id_token`), so
   * that it knows whose session to end; recommended, and expected by most providers before they
   * redirect back. An expired one still serves (§4).
   */
  idTokenHint?: string;
  /**
   * `post_logout_redirect_uri`: where the provider sends the browser after the logout; it must
   * be registered there for this client (§3). An absolute URI without a fragment.
   */
  postLogoutRedirectUri?: string;
  /** `state`: handed back on the post-logout redirect, so it needs `postLogoutRedirectUri`. */
  state?: string;
  /**
   * `client_id`: sent when given; otherwise the client's own is sent when there is a
   * `postLogoutRedirectUri` but no `idTokenHint`, so that the provider can check the URI
   * against this client's registered ones (§2, §3).
   */
  clientId?: string;
  /** `ui_locales`: the user's languages for the provider's pages, BCP 47 tags, preferred first. */
  uiLocales?: string | string[];
  /** `logout_hint`: who is logging out, as the provider understands it (an email, a login). */
  logoutHint?: string;
}

const KNOWN = new Set<string>([
  "idTokenHint",
  "postLogoutRedirectUri",
  "state",
  "clientId",
  "uiLocales",
  "logoutHint",
]);

/**
 * The end-session URL: `endpoint` with its own query kept and the parameters after it,
 * form-encoded as a query (OpenID Connect Core §13.1; RP-Initiated Logout §2 lets the RP use
 * GET). The parameters are checked first (a `TypeError` for a mistake), then the endpoint:
 * without one the provider does not support this logout, `end_session_unsupported`.
 */
export function buildEndSessionUrl(
  endpoint: string | undefined,
  clientId: string,
  params: EndSessionParams,
): URL {
  expectObject(params, "endSessionUrl params");
  const unknown = Object.keys(params).find((name) => !KNOWN.has(name));
  if (unknown !== undefined) throw new TypeError(`unknown endSessionUrl param "${unknown}"`);
  const { idTokenHint, postLogoutRedirectUri, state, logoutHint } = params;
  const query: ParameterList = [];
  if (idTokenHint !== undefined) {
    query.push(["id_token_hint", expectNonEmptyString(idTokenHint, "idTokenHint")]);
  }
  if (logoutHint !== undefined) {
    query.push(["logout_hint", expectNonEmptyString(logoutHint, "logoutHint")]);
  }
  // §2: client_id mostly serves a post_logout_redirect_uri sent without id_token_hint; §3: the
  // provider redirects only to a URI it can tie to the client, by the hint or by client_id.
  const sentClientId = params.clientId ??
    (postLogoutRedirectUri !== undefined && idTokenHint === undefined ? clientId : undefined);
  if (sentClientId !== undefined) {
    query.push(["client_id", expectNonEmptyString(sentClientId, "clientId")]);
  }
  if (postLogoutRedirectUri !== undefined) {
    const uri = expectAbsoluteUri(
      postLogoutRedirectUri,
      "postLogoutRedirectUri",
      "OpenID Connect RP-Initiated Logout 1.0 §2",
    );
    query.push(["post_logout_redirect_uri", uri]);
  }
  if (state !== undefined) {
    expectNonEmptyString(state, "state");
    // §2: the provider passes state back only on the redirect to post_logout_redirect_uri.
    if (postLogoutRedirectUri === undefined) {
      throw new TypeError(
        "state is handed back only on the post-logout redirect: give postLogoutRedirectUri too",
      );
    }
    query.push(["state", state]);
  }
  if (params.uiLocales !== undefined) query.push(["ui_locales", uiLocales(params.uiLocales)]);
  if (endpoint === undefined) {
    throw new OAuthError(
      "end_session_unsupported",
      "the provider has no end-session endpoint: its metadata lists no end_session_endpoint " +
        "(OpenID Connect RP-Initiated Logout 1.0 §2.1) and the client has no endSessionEndpoint " +
        "option; end the session in the app only, or configure the endpoint",
    );
  }
  return appendFormParameters(new URL(endpoint), query);
}

/** §2: a space-separated list of BCP 47 language tags; a list is joined with spaces. */
function uiLocales(value: unknown): string {
  const tags = Array.isArray(value) ? value : [value];
  const valid = tags.length > 0 &&
    tags.every((tag) => typeof tag === "string" && /^\S+( \S+)*$/.test(tag)) &&
    (!Array.isArray(value) || tags.every((tag) => !tag.includes(" ")));
  if (!valid) {
    throw new TypeError(
      `uiLocales must be language tags, as a space-separated string or a list, got ${
        typeof value === "string" ? "another string" : typeOf(value)
      }`,
    );
  }
  return tags.join(" ");
}
