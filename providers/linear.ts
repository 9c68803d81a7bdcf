/**
 * Linear: scopes are separated by commas; PKCE; the client secret goes in the body (or none,
 * with PKCE); the user is read through the GraphQL API. Linear Developers, "OAuth 2.0
 * authentication" (https://linear.app/developers/oauth-2-0-authentication) and "GraphQL API".
 *
 * @module
 */
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, commaScope } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

const readUser: ProfileReader = async ({ getJson }) => {
  const answer = await getJson("https://api.linear.app/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "query { viewer { id name email avatarUrl } }" }),
  });
  const viewer = objectAt(objectAt(answer.data).viewer);
  return profileOf(answer, {
    id: viewer.id,
    email: viewer.email,
    name: viewer.name,
    picture: viewer.avatarUrl,
  });
};

/**
 * Linear: PKCE, `client_secret_post` (or a public client), a scope list joined with commas;
 * default scope `read`. The profile is the GraphQL `viewer`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { linear } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(linear({ clientId: "app", redirectUri: "https://app.example/callback", scope: ["read", "write"] }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("scope"), "read,write");
 * ```
 */
export function linear(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://linear.app/oauth/authorize",
    tokenEndpoint: "https://api.linear.app/oauth/token",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_post",
      "linear",
    ),
    profile: readUser,
    ...defined({ ...options, scope: commaScope(options.scope) ?? "read" }),
  };
}
