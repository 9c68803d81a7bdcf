/**
 * GitHub OAuth apps, as "Authorizing OAuth apps" documents them
 * (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps): the
 * web flow at `https://github.com/login/oauth/authorize` and `…/access_token` (with PKCE, and
 * the client secret in the form), the device flow at `…/login/device/code`, and the token
 * answered as JSON only when asked for it, which `hooks/github.ts` does. GitHub is not an
 * OpenID Connect provider: `profile()` reads "Get the authenticated user"
 * (https://docs.github.com/en/rest/users/users#get-the-authenticated-user), whose `email` is
 * the public one or `null`; then the primary verified address of "List email addresses for the
 * authenticated user" (https://docs.github.com/en/rest/users/emails), which needs the
 * `user:email` scope. GitHub Enterprise Server is the same at its own `baseUrl`, with its REST
 * API under `/api/v3` (https://docs.github.com/en/enterprise-server@latest/rest/quickstart).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { github as githubHooks } from "../hooks/github.ts";
import type { Profile, ProfileReader } from "../oauth2/mod.ts";
import { baseUrlOption, clientAuthentication } from "./_options.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";

/** Options of {@linkcode github}. */
export interface GitHubOptions extends PresetOptions {
  /**
   * GitHub Enterprise Server: its URL (`https://github.example.com`); the REST API is then
   * under `/api/v3`. Default `https://github.com`, whose API is `https://api.github.com`.
   */
  baseUrl?: string;
}

/**
 * Options for a GitHub OAuth app: `new OAuth2Client(github({ … }))` or
 * `registry.register("github", github({ … }))`. `profile()` asks the REST API.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { github } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const preset = github({ clientId: "Iv1.abc", clientSecret: "secret", baseUrl: "https://github.example.com" });
 * assert.equal(preset.tokenEndpoint, "https://github.example.com/login/oauth/access_token");
 * const { url } = await new OAuth2Client(preset).authorizationUrl();
 * assert.equal(url.searchParams.get("scope"), "read:user user:email");
 * ```
 */
export function github(options: GitHubOptions): OAuth2Preset {
  const { baseUrl, ...rest } = options;
  const site = baseUrl === undefined
    ? "https://github.com"
    : baseUrlOption(baseUrl, "baseUrl", "github");
  const api = baseUrl === undefined ? "https://api.github.com" : `${site}/api/v3`;
  return {
    authorizationEndpoint: `${site}/login/oauth/authorize`,
    tokenEndpoint: `${site}/login/oauth/access_token`,
    deviceAuthorizationEndpoint: `${site}/login/device/code`,
    scope: "read:user user:email",
    clientAuthentication: clientAuthentication(rest.clientSecret, "client_secret_post", "github"),
    pkce: "S256",
    hooks: githubHooks,
    profile: githubProfile(api),
    ...defined(rest),
  };
}

/** The profile from `/user`, and the primary verified address when its email is `null`. */
function githubProfile(api: string): ProfileReader {
  return async ({ getJson, getJsonArray }) => {
    const headers = { accept: "application/vnd.github+json" };
    const user = await getJson(`${api}/user`, { headers });
    if (typeof user.id !== "number" && typeof user.id !== "string") {
      throw new OAuthError("invalid_response", "expected GitHub's user to have an id");
    }
    const profile: Profile = { id: String(user.id), raw: user };
    const name = typeof user.name === "string" && user.name !== "" ? user.name : user.login;
    if (typeof name === "string") profile.name = name;
    if (typeof user.avatar_url === "string") profile.picture = user.avatar_url;
    if (typeof user.email === "string" && user.email !== "") {
      profile.email = user.email;
      return profile;
    }
    let emails: unknown[];
    try {
      emails = await getJsonArray(`${api}/user/emails`, { headers });
    } catch (error) {
      // Without the user:email scope GitHub answers 404 (403 for some tokens): no address.
      if (error instanceof OAuthError && (error.status === 404 || error.status === 403)) {
        return profile;
      }
      throw error;
    }
    const primary = emails.find((entry): entry is { email: string } =>
      typeof entry === "object" && entry !== null &&
      (entry as Record<string, unknown>).primary === true &&
      (entry as Record<string, unknown>).verified === true &&
      typeof (entry as Record<string, unknown>).email === "string"
    );
    if (primary !== undefined) {
      profile.email = primary.email;
      profile.emailVerified = true;
    }
    return profile;
  };
}
