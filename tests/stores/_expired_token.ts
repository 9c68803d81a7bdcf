/**
 * What the shared-store tests start from: oidc-provider, and a token with a refresh token
 * obtained through its code flow for the public client, marked expired so that the first use
 * must refresh it.
 */
import { OAuth2Client, type Token } from "../../mod.ts";
import { type OidcTestProvider, startOidcProvider } from "../oauth2/_oidc_provider.ts";

export async function providerWithExpiredToken(): Promise<{ op: OidcTestProvider; token: Token }> {
  const op = await startOidcProvider();
  const client = new OAuth2Client({
    ...op.clientOptions,
    clientId: op.clients.public.clientId,
    scope: "openid",
  });
  const token = await op.signIn(client);
  return { op, token: { ...token, expires_at: Math.floor(Date.now() / 1000) - 60 } };
}

/** How many refresh requests the provider received. */
export function refreshCount(op: OidcTestProvider): number {
  return op.requests("/token").filter((request) => request.body?.grant_type === "refresh_token")
    .length;
}
