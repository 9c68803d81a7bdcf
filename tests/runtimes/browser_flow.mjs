/**
 * A single-page app's login, as the Chromium suite runs it: the page builds the authorization
 * URL (PKCE S256) and keeps state and verifier in sessionStorage; after the provider redirects
 * back to the page, it redeems the code, refreshes and calls userinfo, all cross-origin, so the
 * authorization server's CORS answers decide whether the browser lets the library read them.
 * Plain JavaScript against the built package; `config` names the provider's endpoints.
 */
import { OAuth2Client, OAuthError } from "@x/oauth";

const KEY = "x-oauth-login";

function client(config) {
  return new OAuth2Client({
    clientId: config.clientId,
    issuer: config.issuer,
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    redirectUri: config.redirectUri,
    scope: "openid",
  });
}

/** Starts a login: answers the URL to send the browser to. */
export async function startLogin(config) {
  const { url, state, codeVerifier, nonce } = await client(config).authorizationUrl();
  sessionStorage.setItem(KEY, JSON.stringify({ state, codeVerifier, nonce }));
  return url.href;
}

/** Back on the redirect URI: code → token → refresh → userinfo. */
export async function finishLogin(config) {
  const saved = JSON.parse(sessionStorage.getItem(KEY));
  sessionStorage.removeItem(KEY);
  const oauth = client(config);
  const token = await oauth.fetchToken({
    authorizationResponse: location.href,
    state: saved.state,
    codeVerifier: saved.codeVerifier,
    nonce: saved.nonce,
  });
  const refreshed = await oauth.refreshToken();
  const userinfo = await (await oauth.fetch(config.userinfoEndpoint)).json();
  return {
    tokenType: token.token_type,
    rotated: refreshed.refresh_token !== token.refresh_token &&
      refreshed.access_token !== token.access_token,
    sub: userinfo.sub,
  };
}

/** Redeems a made-up code: how the failure looks from this page's origin. */
export async function redeemBogusCode(config) {
  try {
    await client(config).fetchToken({ code: "not-a-code", codeVerifier: "v".repeat(43) });
    return { outcome: "token" };
  } catch (error) {
    return error instanceof OAuthError
      ? { outcome: error.constructor.name, code: error.code }
      : { outcome: String(error) };
  }
}
