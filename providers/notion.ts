/**
 * Notion public connections: no scopes and no PKCE, `owner=user` in the authorization URL, and a
 * token endpoint that takes a JSON body with HTTP Basic client authentication, for the code
 * exchange and for refresh (the `notion` hook sends JSON and the `Notion-Version` header).
 * Notion Developers, "Authorization" (https://developers.notion.com/docs/authorization), "Create
 * a token" (https://developers.notion.com/reference/create-a-token), "Refresh a token" and
 * "Retrieve your token's bot user" (https://developers.notion.com/reference/get-self).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { notion as notionHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

// The token's bot user names the person who connected it as its owner. A bot that a workspace
// owns names no one: its id is the same for every user, so it is never taken as a user's.
const readUser: ProfileReader = async ({ getJson }) => {
  const bot = await getJson("https://api.notion.com/v1/users/me");
  const ownedBy = objectAt(objectAt(bot.bot).owner);
  const owner = objectAt(ownedBy.user);
  if (ownedBy.type !== "user" || typeof owner.id !== "string" || owner.id === "") {
    throw new OAuthError(
      "invalid_response",
      "expected the token's bot to be owned by a user (owner.type \"user\" with an id): a workspace's integration names no user",
    );
  }
  return profileOf(bot, {
    id: owner.id,
    email: objectAt(owner.person).email,
    name: owner.name ?? bot.name,
    picture: owner.avatar_url,
  });
};

/**
 * Notion: `client_secret_basic` with JSON token requests, `owner=user`, no PKCE, the `notion`
 * fix; no default scope. The profile is the connecting user, read from the token's bot user.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { notion } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(notion({ clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/callback" }));
 * const { url, codeVerifier } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("owner"), "user");
 * assert.equal(codeVerifier, undefined);
 * ```
 */
export function notion(options: PresetOptions): OAuth2Preset {
  return {
    authorizationEndpoint: "https://api.notion.com/v1/oauth/authorize",
    tokenEndpoint: "https://api.notion.com/v1/oauth/token",
    clientAuthentication: clientAuthentication(
      options.clientSecret,
      "client_secret_basic",
      "notion",
      true,
    ),
    pkce: false,
    authorizationParams: { owner: "user" },
    hooks: notionHooks,
    profile: readUser,
    ...defined(options),
  };
}
