/**
 * `profile(client)`: the signed-in user of any preset's client, in one shape.
 *
 * @module
 */
import type { OAuth2Client, Profile, ProfileOptions } from "../oauth2/mod.ts";

/**
 * The signed-in user of `client` as a `Profile` (`id`, `email`, `emailVerified`, `name`,
 * `picture`, and the provider's `raw` answer): what `client.profile()` reads, by the preset's
 * `profile` reader or, without one, from OpenID Connect's standard claims.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { github, profile } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({
 *   ...github({ clientId: "app", clientSecret: "secret" }),
 *   token: { access_token: "gho_1", token_type: "bearer" },
 *   fetch: () => Promise.resolve(Response.json({ id: 1, login: "octocat", name: "The Octocat", email: "octocat@github.com" })),
 * });
 * const user = await profile(client);
 * assert.equal(user.id, "1");
 * assert.equal(user.email, "octocat@github.com");
 * ```
 */
export function profile(client: OAuth2Client, options?: ProfileOptions): Promise<Profile> {
  return client.profile(options);
}
