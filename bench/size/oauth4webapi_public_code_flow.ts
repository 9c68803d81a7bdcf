// The public-client consumer (PKCE, no secret) on oauth4webapi: authorization URL with PKCE,
// callback check, code exchange, refresh; the client authenticates with None().
import * as oauth from "oauth4webapi";

const as = {
  issuer: "https://as.example",
  authorization_endpoint: "https://as.example/authorize",
  token_endpoint: "https://as.example/token",
};
const client = { client_id: "app" };
const auth = oauth.None();

export async function login(callbackUrl?: string, saved?: { state: string; codeVerifier: string }) {
  if (!callbackUrl || !saved) {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint);
    url.searchParams.set("client_id", client.client_id);
    url.searchParams.set("redirect_uri", "https://app.example/cb");
    url.searchParams.set("response_type", "code");
    url.searchParams.set("scope", "read");
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
    return { url, state, codeVerifier };
  }
  const params = oauth.validateAuthResponse(as, client, new URL(callbackUrl), saved.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    "https://app.example/cb",
    saved.codeVerifier,
  );
  const token = await oauth.processAuthorizationCodeResponse(as, client, response);
  const refreshed = await oauth.refreshTokenGrantRequest(as, client, auth, token.refresh_token!);
  return await oauth.processRefreshTokenResponse(as, client, refreshed);
}
