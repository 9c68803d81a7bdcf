// The public-client consumer (PKCE, no secret) on the functional code flow of @x/oauth/oauth2:
// authorization URL, callback check and code exchange, refresh.
import {
  createAuthorizationUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
} from "../../oauth2/code_flow.ts";

const options = {
  clientId: "app",
  authorizationEndpoint: "https://as.example/authorize",
  tokenEndpoint: "https://as.example/token",
  redirectUri: "https://app.example/cb",
  issuer: "https://as.example",
};

export async function login(
  callbackUrl?: string,
  saved?: { state: string; codeVerifier?: string },
) {
  if (!callbackUrl || !saved) return await createAuthorizationUrl(options, { scope: "read" });
  const token = await exchangeAuthorizationCode(options, {
    authorizationResponse: callbackUrl,
    ...saved,
  });
  return await refreshAccessToken(options, token.refresh_token!);
}
