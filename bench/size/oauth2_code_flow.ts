// A consumer of the authorization code flow with PKCE and refresh, on @x/oauth.
import { OAuth2Client } from "../../mod.ts";

export async function login(
  callbackUrl?: string,
  saved?: { state: string; codeVerifier?: string },
) {
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "secret",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/cb",
    issuer: "https://as.example",
  });
  if (!callbackUrl || !saved) return await client.authorizationUrl({ scope: "read" });
  await client.fetchToken({ authorizationResponse: callbackUrl, ...saved });
  return await client.refreshToken();
}
