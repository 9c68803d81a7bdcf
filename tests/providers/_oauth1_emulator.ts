/**
 * An OAuth 1.0a provider emulated at a real provider's URLs, for the preset tests: it answers the
 * three credential steps and one protected resource as RFC 5849 §2 and §3 ask, and checks every
 * signature with an implementation other than ours. The base string comes from the npm package
 * `oauth-1.0a`; HMAC-SHA1 is `node:crypto`'s, and RSA-SHA1 is verified with the consumer's public
 * key by WebCrypto. `tests/providers/oauth1_emulator_test.ts` shows that this checker accepts
 * requests oauthlib signed and refuses them once changed.
 *
 * Pass `emulator.handle` as a client's `fetch`: requests go to the provider's own URLs and never
 * reach a network. Protocol parameters are accepted in the `Authorization` header only, nonces
 * are single use and timestamps must be within five minutes.
 */
import OAuth from "oauth-1.0a";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { OAuth1Client } from "../../oauth1/mod.ts";

/** Who the emulated provider knows, and how it checks them. */
export interface Consumer {
  key: string;
  /** For HMAC-SHA1. */
  secret?: string;
  /** For RSA-SHA1: the public key of the consumer's private key. */
  publicKey?: CryptoKey;
}

/** The provider being emulated. */
export interface EmulatorOptions {
  consumer: Consumer;
  signatureMethod: "HMAC-SHA1" | "RSA-SHA1";
  requestTokenUrl: string;
  /** Every URL users may be sent to for authorization (X has two). */
  authorizeUrls: string[];
  accessTokenUrl: string;
  /** The protected resource: answers `{ "user": "ada" }` to a signed `GET`. */
  apiUrl: string;
  /** Methods the credential endpoints take; default `["POST"]`. */
  credentialMethods?: string[];
  /** Refuses credential requests that carry a body or a `Content-Type` (Garmin). */
  bodyless?: boolean;
  /** A problem with the authorization page's query, or `undefined` when it is fine. */
  checkAuthorization?: (query: URLSearchParams) => string | undefined;
  /** More parameters of the token credentials response (X's `user_id`, Flickr's `user_nsid`). */
  tokenExtras?: Record<string, string>;
}

/** What a test can look at after a flow. */
export interface Emulator {
  handle(request: Request): Promise<Response>;
  /** Why a request was refused, one line each: a passing flow leaves it empty. */
  refused: string[];
  /** The query of each authorization page shown. */
  authorizations: URLSearchParams[];
  /** Each signed request's method, URL and protocol parameters, in order. */
  signed: { method: string; url: string; oauth: Map<string, string> }[];
}

const HASH = (base: string, key: string) => createHmac("sha1", key).update(base).digest("base64");

/** The protocol parameters of an `OAuth` Authorization header (realm left out), decoded. */
export function headerParameters(header: string | null): Map<string, string> {
  const parameters = new Map<string, string>();
  if (!header?.startsWith("OAuth ")) return parameters;
  for (const [, name, value] of header.matchAll(/([A-Za-z0-9_.~%-]+)="([^"]*)"/g)) {
    if (name !== "realm") parameters.set(decodeURIComponent(name), decodeURIComponent(value));
  }
  return parameters;
}

/**
 * Checks a request's signature against `consumer` and `tokenSecret`: the base string of
 * `oauth-1.0a` (query and form body parameters included), then HMAC-SHA1 or an RSA-SHA1
 * verification with the public key. Returns the protocol parameters, or throws with the reason.
 */
export async function verifySignature(
  request: Request,
  consumer: Consumer,
  tokenSecret: string,
): Promise<Map<string, string>> {
  const oauth = headerParameters(request.headers.get("authorization"));
  const method = oauth.get("oauth_signature_method") ?? "";
  if (oauth.get("oauth_consumer_key") !== consumer.key) throw new Error("consumer_key_unknown");
  const url = new URL(request.url);
  const isForm = (request.headers.get("content-type") ?? "").startsWith(
    "application/x-www-form-urlencoded",
  );
  const body = isForm ? new URLSearchParams(await request.clone().text()) : [];
  const data: Record<string, string | string[]> = {};
  for (const [name, value] of [...url.searchParams, ...body]) {
    if (name.startsWith("oauth_")) {
      throw new Error(`parameter_rejected: ${name} outside the header`);
    }
    const previous = data[name];
    data[name] = previous === undefined ? value : [previous, value].flat();
  }
  const signer = new OAuth({
    consumer: { key: consumer.key, secret: consumer.secret ?? "" },
    signature_method: method,
    hash_function: HASH,
  });
  const oauthData = Object.fromEntries([...oauth].filter(([name]) => name !== "oauth_signature"));
  const requestData = { url: `${url.origin}${url.pathname}`, method: request.method, data };
  const received = oauth.get("oauth_signature") ?? "";
  if (method === "HMAC-SHA1" && consumer.secret !== undefined) {
    const expected = signer.getSignature(
      requestData,
      tokenSecret,
      oauthData as unknown as OAuth.Data,
    );
    const same = expected.length === received.length &&
      timingSafeEqual(Buffer.from(expected), Buffer.from(received));
    if (!same) throw new Error("signature_invalid");
  } else if (method === "RSA-SHA1" && consumer.publicKey) {
    const base = signer.getBaseString(requestData, oauthData as unknown as OAuth.Data);
    const valid = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      consumer.publicKey,
      Buffer.from(received, "base64"),
      new TextEncoder().encode(base),
    );
    if (!valid) throw new Error("signature_invalid");
  } else {
    throw new Error(`signature_method_rejected: ${method}`);
  }
  return oauth;
}

/** Creates the emulated provider. */
export function emulateProvider(options: EmulatorOptions): Emulator {
  const temporary = new Map<string, { secret: string; callback: string; verifier?: string }>();
  const access = new Map<string, string>();
  const nonces = new Set<string>();
  const refused: string[] = [];
  const authorizations: URLSearchParams[] = [];
  const signed: Emulator["signed"] = [];
  const credentialMethods = options.credentialMethods ?? ["POST"];
  const at = (request: Request) => {
    const url = new URL(request.url);
    return `${url.origin}${url.pathname}`;
  };
  const bare = (url: string) => at(new Request(url));

  async function verify(request: Request, tokenSecret: string) {
    const oauth = await verifySignature(request, options.consumer, tokenSecret);
    if (oauth.get("oauth_signature_method") !== options.signatureMethod) {
      throw new Error("signature_method_rejected");
    }
    const age = Math.abs(Date.now() / 1000 - Number(oauth.get("oauth_timestamp")));
    if (!(age < 300)) throw new Error("timestamp_refused");
    const nonce = `${oauth.get("oauth_timestamp")}:${oauth.get("oauth_nonce")}`;
    if (nonces.has(nonce)) throw new Error("nonce_used");
    nonces.add(nonce);
    signed.push({ method: request.method, url: request.url, oauth });
    return oauth;
  }

  async function credentialRequest(request: Request) {
    if (!credentialMethods.includes(request.method)) throw new Error("method_not_allowed");
    if (options.bodyless) {
      const body = await request.clone().arrayBuffer();
      if (body.byteLength > 0 || request.headers.has("content-type")) {
        throw new Error("body_not_allowed");
      }
    }
  }

  async function handle(request: Request): Promise<Response> {
    const where = at(request);
    try {
      if (where === bare(options.requestTokenUrl)) {
        await credentialRequest(request);
        const oauth = await verify(request, "");
        const callback = oauth.get("oauth_callback");
        if (!callback) throw new Error("parameter_absent: oauth_callback");
        const [token, secret] = [random(), random()];
        temporary.set(token, { secret, callback });
        return form({
          oauth_token: token,
          oauth_token_secret: secret,
          oauth_callback_confirmed: "true",
        });
      }
      if (options.authorizeUrls.some((url) => bare(url) === where) && request.method === "GET") {
        const query = new URL(request.url).searchParams;
        authorizations.push(query);
        const grant = temporary.get(query.get("oauth_token") ?? "");
        if (!grant) throw new Error("token_rejected");
        const problem = options.checkAuthorization?.(query);
        if (problem) throw new Error(problem);
        grant.verifier = random();
        if (grant.callback === "oob") return new Response(`Your code: ${grant.verifier}`);
        const back = new URL(grant.callback);
        back.searchParams.set("oauth_token", query.get("oauth_token")!);
        back.searchParams.set("oauth_verifier", grant.verifier);
        return new Response(null, { status: 302, headers: { location: back.href } });
      }
      if (where === bare(options.accessTokenUrl)) {
        await credentialRequest(request);
        const token = headerParameters(request.headers.get("authorization")).get("oauth_token");
        const grant = temporary.get(token ?? "");
        if (!grant) throw new Error("token_rejected");
        const oauth = await verify(request, grant.secret);
        if (!grant.verifier || oauth.get("oauth_verifier") !== grant.verifier) {
          throw new Error("verifier_invalid");
        }
        temporary.delete(token!);
        const [accessToken, accessSecret] = [random(), random()];
        access.set(accessToken, accessSecret);
        return form({
          oauth_token: accessToken,
          oauth_token_secret: accessSecret,
          ...options.tokenExtras,
        });
      }
      if (where === bare(options.apiUrl) && request.method === "GET") {
        const token = headerParameters(request.headers.get("authorization")).get("oauth_token");
        const secret = access.get(token ?? "");
        if (secret === undefined) throw new Error("token_rejected");
        const oauth = await verify(request, secret);
        if (oauth.has("oauth_verifier") || oauth.has("oauth_callback")) {
          throw new Error("parameter_rejected: flow parameters on an API call");
        }
        return Response.json({
          user: "ada",
          query: Object.fromEntries(new URL(request.url).searchParams),
        });
      }
      return new Response("not found", { status: 404 });
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      refused.push(`${request.method} ${where}: ${problem}`);
      return new Response(`oauth_problem=${encodeURIComponent(problem)}`, {
        status: 401,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    }
  }

  return { handle, refused, authorizations, signed };
}

/** What one run of the 3-legged flow gave. */
export interface FlowResult {
  client: OAuth1Client;
  authorizationUrl: string;
  token: Awaited<ReturnType<OAuth1Client["fetchAccessToken"]>>;
  api: Response;
  /** What the client sent, in order (clones, bodies readable). */
  sent: Request[];
}

/**
 * Runs the 3-legged flow with a preset's options against the emulator, using the URLs the preset
 * configured (no step is given one): temporary credentials, the authorization page (which
 * redirects to the callback, or shows a code for `oob`), token credentials, then `apiUrl`.
 */
export async function runFlow(
  preset: ConstructorParameters<typeof OAuth1Client>[0],
  emulator: Emulator,
  apiUrl: string,
): Promise<FlowResult> {
  const sent: Request[] = [];
  const client = new OAuth1Client({
    ...preset,
    fetch: (request) => {
      sent.push(request.clone());
      return emulator.handle(request);
    },
  });
  await client.fetchRequestToken();
  const authorizationUrl = client.authorizationUrl();
  const page = await emulator.handle(new Request(authorizationUrl));
  let token;
  if (page.status === 302) {
    client.parseAuthorizationResponse(page.headers.get("location")!);
    token = await client.fetchAccessToken();
  } else {
    const text = await page.text();
    if (!text.startsWith("Your code: ")) throw new Error(`authorization refused: ${text}`);
    token = await client.fetchAccessToken({ verifier: text.slice("Your code: ".length) });
  }
  const api = await client.fetch(apiUrl);
  return { client, authorizationUrl, token, api, sent };
}

function random(): string {
  return randomBytes(12).toString("hex");
}

function form(values: Record<string, string>): Response {
  return new Response(new URLSearchParams(values).toString(), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
