/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at oidc-provider: a browser with
 * one cookie jar logs in, follows `endSessionUrl`, confirms the provider's sign-out page and is
 * sent back to the post-logout redirect URI with the state; the provider's session is then
 * over, as a silent login (`prompt=none`, Core §3.1.2.1) shows: it worked before the logout
 * and is `login_required` after.
 */
import assert from "node:assert/strict";
import { OAuth2Client, type Token } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import { authorizeAsBrowser, CookieJar, endSessionAsBrowser } from "./_oidc_browser.ts";
import { POST_LOGOUT_REDIRECT_URI } from "./_oidc_config.ts";
import {
  type OidcTestProvider,
  startOidcProvider,
  withoutProviderNotices,
} from "./_oidc_provider.ts";

/** A browser (one cookie jar) and a client discovered from `op`; the user has not logged in. */
async function browserAndClient(op: OidcTestProvider) {
  const jar = new CookieJar();
  const providerOrigin = new URL(op.issuer).origin;
  const client = await OAuth2Client.discover(op.issuer, {
    ...op.clients.basic,
    redirectUri: op.redirectUri,
    scope: "openid",
  });
  /** The code flow in this browser; `prompt: "none"` fails unless the provider's session lives. */
  const logIn = async (prompt?: "none"): Promise<Token> => {
    const { url, state, codeVerifier, nonce } = await client.authorizationUrl(
      prompt === undefined ? {} : { prompt },
    );
    const callback = await authorizeAsBrowser(url, providerOrigin, { jar });
    return await client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce });
  };
  return {
    client,
    logIn,
    /** Follows a URL at the provider in this browser, confirming its sign-out page. */
    endSession: (url: URL) =>
      withoutProviderNotices(() => endSessionAsBrowser(url, providerOrigin, jar)),
  };
}

/** Asserts that a silent login is refused with `login_required`: no session at the provider. */
async function assertLoggedOut(logIn: (prompt: "none") => Promise<Token>): Promise<void> {
  await assert.rejects(logIn("none"), (error: unknown) => {
    assert.ok(error instanceof OAuthResponseError, String(error));
    assert.equal(error.code, "login_required");
    return true;
  });
}

Deno.test("oidc-provider: endSessionUrl with the ID token hint ends the provider's session and comes back to the post-logout redirect URI with the state", async () => {
  await using op = await startOidcProvider();
  const { client, logIn, endSession } = await browserAndClient(op);
  const token = await logIn();
  assert.ok(token.id_token);
  const silent = await logIn("none");
  assert.ok(silent.access_token, "before the logout, a silent login works: the session lives");

  const url = client.endSessionUrl({
    idTokenHint: token.id_token,
    postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI,
    state: "logout-state",
  });
  assert.equal(url.origin + url.pathname, op.metadata.end_session_endpoint);
  assert.equal(await endSession(url), `${POST_LOGOUT_REDIRECT_URI}?state=logout-state`);
  await assertLoggedOut(logIn);
  assert.deepEqual(op.serverErrors, []);
});

Deno.test("oidc-provider: without the ID token hint, the client_id endSessionUrl adds is what lets the provider redirect back", async () => {
  await using op = await startOidcProvider();
  const { client, logIn, endSession } = await browserAndClient(op);
  await logIn();
  const url = client.endSessionUrl({
    postLogoutRedirectUri: POST_LOGOUT_REDIRECT_URI,
    state: "s2",
  });
  assert.equal(url.searchParams.get("client_id"), op.clients.basic.clientId);
  assert.equal(await endSession(url), `${POST_LOGOUT_REDIRECT_URI}?state=s2`);
  await assertLoggedOut(logIn);

  // The same request without client_id, built by hand: the provider cannot tie the URI to a
  // client, so it ends on its own page instead (RP-Initiated Logout §3).
  await logIn();
  const bare = new URL(url);
  bare.searchParams.delete("client_id");
  const page = await endSession(bare);
  assert.doesNotMatch(page, /^http/);
  assert.match(page, /Sign-out Success/i);
  await assertLoggedOut(logIn);
  assert.deepEqual(op.serverErrors, []);
});
