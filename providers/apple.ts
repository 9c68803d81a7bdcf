/**
 * Sign in with Apple, as Apple documents it for the web and other platforms: "Incorporating
 * Sign in with Apple into other platforms"
 * (https://developer.apple.com/documentation/signinwithapple/incorporating-sign-in-with-apple-into-other-platforms),
 * "Request an authorization to the Sign in with Apple server"
 * (https://developer.apple.com/documentation/signinwithapplejs/request-an-authorization-to-the-sign-in-with-apple-server),
 * "Generate and validate tokens"
 * (https://developer.apple.com/documentation/signinwithapplerestapi/generate-and-validate-tokens)
 * and "Creating a client secret"
 * (https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret).
 *
 * - The client secret is a JWT signed with the developer's private key (ES256): `iss` the team
 *   id, `sub` the client id (the Services ID), `aud` `https://appleid.apple.com`, `iat`, and an
 *   `exp` at most six months later, with the key id as `kid`. The preset makes a new one, valid
 *   five minutes, for every token, refresh and revocation request (the client's `clientSecret`
 *   may be a function), sent as `client_secret_post`.
 * - A scope with `name` or `email` needs `response_mode=form_post`: the user's browser then
 *   POSTs the callback, whose form holds `code`, `state` and, on the user's first
 *   authorization only, `user` (their name; `appleUser` reads it). Give the callback `Request`
 *   to `fetchToken({ authorizationResponse, state, codeVerifier, nonce })`; the registry reads
 *   it in `authorizeAccessToken(request)` and gives `user` in `AuthorizedLogin`.
 * - What binds the code and its ID token to this browser's login (RFC 9700 §2.1.1, §4.5): the
 *   `state` only stops cross-site request forgery, and Apple's signature on the ID token says
 *   who signed in, not for which login. So the preset sets the client's `nonce: true`: every
 *   authorization request carries a `nonce`, also with the default scope `name email` (no
 *   `openid`), which Apple documents as a parameter of the request ("Request an authorization
 *   to the Sign in with Apple server") and returns in the ID token for the server to verify
 *   ("Authenticating users with Sign in with Apple", "Verify the identity token":
 *   https://developer.apple.com/documentation/signinwithapple/authenticating-users-with-sign-in-with-apple);
 *   the ID token must carry it (OpenID Connect Core §3.1.2.1, §3.1.3.7), or the login is
 *   `nonce_mismatch`. PKCE (RFC 7636) is on too, S256 as for any client. Apple does not
 *   document it, but does not refuse it either: its token endpoint is seen to check the
 *   verifier of a code asked for with a challenge
 *   (https://github.com/a-tokyo/apple-signin-auth/issues/180), and other clients send it
 *   (https://github.com/better-auth/better-auth/pull/10294); were the challenge ignored, the
 *   nonce would still bind the login. Should Apple ever refuse it, `pkce: false` after the
 *   preset (`{ ...apple(…), pkce: false }`) turns it off and keeps the nonce.
 * - There is no userinfo endpoint: `profile()` reads the validated ID token (`sub`, `email`,
 *   `email_verified`, which Apple may send as the string `"true"`).
 *
 * @module
 */
import { jwsKey, signJwt } from "../oauth2/_jwt_signing.ts";
import { profileFromClaims, type ProfileReader } from "../oauth2/mod.ts";
import { decodeBase64 } from "../_encoding.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";

export { type AppleUser, appleUser } from "../hooks/apple.ts";

/** Options of {@linkcode apple}. */
export interface AppleOptions extends Omit<PresetOptions, "clientSecret"> {
  /** The Services ID (or, for an app, its bundle id): the `client_id`. */
  clientId: string;
  /** The 10-character Team ID of the developer account: the secret's `iss`. */
  teamId: string;
  /** The id of the Sign in with Apple private key: the secret's `kid`. */
  keyId: string;
  /**
   * That key: the PKCS#8 PEM text of the `.p8` file Apple gave (`-----BEGIN PRIVATE KEY-----`),
   * or an ECDSA P-256 private `CryptoKey` that can sign.
   */
  privateKey: string | CryptoKey;
  /** The clock in milliseconds, for the secret's `iat` and `exp`; default `Date.now`. */
  now?: () => number;
}

const ISSUER = "https://appleid.apple.com";
// Well under Apple's six months: a secret is made for each request and used at once.
const SECRET_SECONDS = 300;

/**
 * Options for Sign in with Apple: `new OAuth2Client(apple({ … }))`,
 * `OAuth2Client.discover("https://appleid.apple.com", apple({ … }))` or
 * `registry.register("apple", apple({ … }))`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { apple } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const { privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
 * const client = new OAuth2Client(apple({
 *   clientId: "com.example.web",
 *   teamId: "ABCDE12345",
 *   keyId: "KEY1234567",
 *   privateKey,
 *   redirectUri: "https://app.example/callback",
 * }));
 * const { url, nonce } = await client.authorizationUrl();
 * assert.equal(url.searchParams.get("scope"), "name email");
 * assert.equal(url.searchParams.get("response_mode"), "form_post");
 * assert.equal(url.searchParams.get("nonce"), nonce); // keep it for fetchToken({ nonce })
 * ```
 */
export function apple(options: AppleOptions): OAuth2Preset {
  const { teamId, keyId, privateKey, now = Date.now, ...rest } = options;
  if (typeof rest.clientId !== "string" || rest.clientId === "") {
    throw new TypeError("apple() needs clientId: the Services ID");
  }
  for (const [name, value] of [["teamId", teamId], ["keyId", keyId]] as const) {
    if (typeof value !== "string" || !/^[A-Z0-9]+$/i.test(value)) {
      throw new TypeError(`apple() needs ${name}, as Apple's developer account shows it`);
    }
  }
  if (typeof privateKey !== "string" && !(privateKey instanceof CryptoKey)) {
    throw new TypeError("apple() needs privateKey: the .p8 file's PEM text, or a CryptoKey");
  }
  if (typeof now !== "function") throw new TypeError("apple() now must be a function");
  const preset: OAuth2Preset = {
    issuer: ISSUER,
    authorizationEndpoint: "https://appleid.apple.com/auth/authorize",
    tokenEndpoint: "https://appleid.apple.com/auth/token",
    revocationEndpoint: "https://appleid.apple.com/auth/revoke",
    jwksUri: "https://appleid.apple.com/auth/keys",
    scope: "name email",
    clientAuthentication: "client_secret_post",
    // The ID token's nonce binds it to this login, without openid in the scope (see above).
    nonce: true,
    profile: appleProfile,
    ...defined(rest),
  };
  preset.clientSecret = appleClientSecret({
    teamId,
    keyId,
    privateKey,
    clientId: preset.clientId,
    now,
  });
  const scope = Array.isArray(preset.scope) ? preset.scope : (preset.scope ?? "").split(" ");
  if (scope.includes("name") || scope.includes("email")) {
    preset.authorizationParams = { response_mode: "form_post" };
  }
  return preset;
}

/** What {@linkcode appleClientSecret} signs with. */
export interface AppleClientSecretOptions {
  /** The Team ID: `iss`. */
  teamId: string;
  /** The key id: `kid`. */
  keyId: string;
  /** The PKCS#8 PEM text of the `.p8` key, or an ECDSA P-256 private `CryptoKey`. */
  privateKey: string | CryptoKey;
  /** The Services ID: `sub`. */
  clientId: string;
  /** The clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/**
 * A function that makes Sign in with Apple's client secret, a new ES256 JWT valid five minutes
 * each time it is called: what `apple()` gives the client as `clientSecret`. The PEM key is
 * imported once, on the first call; a key that is not an ECDSA P-256 private key is a
 * `TypeError` that never quotes it.
 *
 * @example
 * ```ts
 * import { appleClientSecret } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const { privateKey } = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
 * const makeSecret = appleClientSecret({ teamId: "ABCDE12345", keyId: "KEY1234567", privateKey, clientId: "com.example.web" });
 * const [header, payload] = (await makeSecret()).split(".").slice(0, 2).map((part) => JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/"))));
 * assert.deepEqual(header, { kid: "KEY1234567", alg: "ES256" });
 * assert.equal(payload.aud, "https://appleid.apple.com");
 * assert.equal(payload.exp - payload.iat, 300);
 * ```
 */
export function appleClientSecret(options: AppleClientSecretOptions): () => Promise<string> {
  const { teamId, keyId, privateKey, clientId, now = Date.now } = options;
  let key: Promise<CryptoKey> | undefined;
  return async () => {
    key ??= typeof privateKey === "string" ? importPem(privateKey) : Promise.resolve(privateKey);
    const signer = jwsKey(await key, "apple() privateKey");
    if (signer.alg !== "ES256") {
      throw new TypeError("apple() privateKey must be an ECDSA P-256 key (ES256)");
    }
    const iat = Math.floor(now() / 1000);
    return await signJwt(
      signer,
      { iss: teamId, iat, exp: iat + SECRET_SECONDS, aud: ISSUER, sub: clientId },
      { kid: keyId },
    );
  };
}

/** The `.p8` file's PKCS#8 PEM text as an ES256 signing key. */
async function importPem(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem);
  const der = match === null ? undefined : decodeBase64(match[1].replace(/\s+/g, ""));
  try {
    if (der === undefined) throw new Error("not PEM");
    return await crypto.subtle.importKey(
      "pkcs8",
      der,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["sign"],
    );
  } catch {
    // Never the key itself: only what was expected.
    throw new TypeError(
      "apple() privateKey must be the PKCS#8 PEM text of an ECDSA P-256 key (-----BEGIN PRIVATE KEY-----), as Apple's .p8 file holds",
    );
  }
}

/**
 * Sign in with Apple has no userinfo endpoint: the user is the validated ID token's `sub`,
 * `email` and `email_verified`.
 */
const appleProfile: ProfileReader = ({ idTokenClaims }) => {
  if (idTokenClaims === undefined) {
    return Promise.reject(
      new TypeError(
        "Sign in with Apple has no userinfo endpoint: profile() reads the ID token this client validated, or the login's claims passed as idTokenClaims",
      ),
    );
  }
  return Promise.resolve(profileFromClaims(idTokenClaims));
};
