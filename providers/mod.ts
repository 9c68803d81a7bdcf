/**
 * Provider presets: `google({ clientId, clientSecret })` and the like return the options of
 * `OAuth2Client` (or, for OAuth 1.0a providers, of `OAuth1Client` with the provider's three
 * URLs) with the provider's endpoints, default scope, client authentication, PKCE and fixes,
 * each citing the provider's documentation. The same value works in `new OAuth2Client(…)`,
 * `OAuth2Client.discover(…)` and `OAuthRegistry.register(…)`.
 *
 * @module
 */
export type { OAuth2Preset, PresetOptions } from "./_preset.ts";
export type { OAuth1Preset, OAuth1PresetOptions } from "./_oauth1_preset.ts";
export { twitterOAuth1, type TwitterOAuth1Options } from "./twitter_oauth1.ts";
export { flickr, type FlickrOptions } from "./flickr.ts";
export { tumblrOAuth1, type TumblrOAuth1Options } from "./tumblr_oauth1.ts";
export { trello, type TrelloExpiration, type TrelloOptions, type TrelloScope } from "./trello.ts";
export { type AtlassianServerOptions, jira } from "./jira.ts";
export { confluence } from "./confluence.ts";
export { garminOAuth1, type GarminOAuth1Options } from "./garmin_oauth1.ts";
export type {
  OAuth1ClientOptions,
  OAuth1Token,
  SignatureMethod,
  SignatureType,
} from "../oauth1/mod.ts";
export { profile } from "./profile.ts";
export { google, type GoogleOptions } from "./google.ts";
export { microsoft, MICROSOFT_CONSUMERS_TENANT_ID, type MicrosoftOptions } from "./microsoft.ts";
export {
  apple,
  appleClientSecret,
  type AppleClientSecretOptions,
  type AppleOptions,
  type AppleUser,
  appleUser,
} from "./apple.ts";
export { github, type GitHubOptions } from "./github.ts";
export { gitlab, type GitLabOptions } from "./gitlab.ts";
export { discord } from "./discord.ts";
export { slack } from "./slack.ts";
export { linkedin } from "./linkedin.ts";
export { twitter, x } from "./x.ts";
export { facebook, type FacebookOptions } from "./facebook.ts";
export { twitch } from "./twitch.ts";
export { spotify } from "./spotify.ts";
export { reddit, type RedditPresetOptions } from "./reddit.ts";
export { dropbox } from "./dropbox.ts";
export { notion } from "./notion.ts";
export { atlassian } from "./atlassian.ts";
export { salesforce, type SalesforceOptions } from "./salesforce.ts";
export { okta, type OktaOptions } from "./okta.ts";
export { auth0, type Auth0Options } from "./auth0.ts";
export { keycloak, type KeycloakOptions } from "./keycloak.ts";
export { cognito, type CognitoOptions } from "./cognito.ts";
export { zitadel, type ZitadelOptions } from "./zitadel.ts";
export { authentik, type AuthentikOptions } from "./authentik.ts";
export { tiktok } from "./tiktok.ts";
export { zoom } from "./zoom.ts";
export { strava } from "./strava.ts";
export { fitbit } from "./fitbit.ts";
export { line } from "./line.ts";
export { kakao } from "./kakao.ts";
export { naver } from "./naver.ts";
export { yandex } from "./yandex.ts";
export { vk, type VkPresetOptions } from "./vk.ts";
export { patreon } from "./patreon.ts";
export { box } from "./box.ts";
export { figma } from "./figma.ts";
export { linear } from "./linear.ts";
export { yahoo } from "./yahoo.ts";
export { amazon, type AmazonOptions } from "./amazon.ts";
export { coinbase } from "./coinbase.ts";
export { paypal, type PayPalOptions } from "./paypal.ts";
export { shopify, type ShopifyOptions } from "./shopify.ts";
export type {
  AuthorizationServerMetadata,
  ClientAuthentication,
  CrossOriginRedirect,
  FetchLike,
  OAuth2ClientOptions,
  PkceMethod,
  Profile,
  ProfileContext,
  ProfileOptions,
  ProfileReader,
  Token,
  TokenLease,
  TokenPlacement,
  TokenStore,
} from "../oauth2/mod.ts";
export type { Hooks, RequestHook, ResponseHook } from "../_hooks.ts";
export { profileFromClaims } from "../oauth2/mod.ts";
