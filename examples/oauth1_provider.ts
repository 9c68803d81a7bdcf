/**
 * A small OAuth 1.0a provider (RFC 5849 §2) for the demo and the tests: temporary
 * credentials, an authorization page that approves at once, token credentials and one
 * protected resource. It checks signatures with the npm package `oauth-1.0a`, an
 * implementation independent of `@x/oauth`, so a request it accepts was signed correctly by
 * someone else's reading of the RFC too. HMAC-SHA1/256/512 and PLAINTEXT; nonces are
 * single-use and timestamps must be within five minutes.
 *
 * It is a `Request → Response` handler: serve it with `Deno.serve`, or pass it as a client's
 * `fetch` to run without a network.
 *
 * @module
 */
import OAuth from "oauth-1.0a";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Options of {@linkcode createOAuth1Provider}. */
export interface ProviderOptions {
  consumerKey: string;
  consumerSecret: string;
  /** The resource owner who approves every authorization request. */
  userName?: string;
}

/** A running provider: its handler and what it has done. */
export interface OAuth1Provider {
  handle(request: Request): Promise<Response>;
  /** One line per request handled, for the demo's narration. */
  log: string[];
}

interface Grant {
  secret: string;
  callback: string;
  verifier?: string;
}

const HASHES: Record<string, string> = {
  "HMAC-SHA1": "sha1",
  "HMAC-SHA256": "sha256",
  "HMAC-SHA512": "sha512",
};

/** Creates a provider that knows one consumer. */
export function createOAuth1Provider(options: ProviderOptions): OAuth1Provider {
  const temporary = new Map<string, Grant>();
  const access = new Map<string, string>();
  const seenNonces = new Set<string>();
  const log: string[] = [];
  const userName = options.userName ?? "Ada Lovelace";

  async function verify(request: Request, tokenSecret: string): Promise<Map<string, string>> {
    const oauth = parseOAuthHeader(request.headers.get("authorization"));
    const method = oauth.get("oauth_signature_method") ?? "";
    const signer = new OAuth({
      consumer: { key: options.consumerKey, secret: options.consumerSecret },
      signature_method: method,
      hash_function: (base: string, key: string) =>
        method === "PLAINTEXT"
          ? key
          : createHmac(HASHES[method], key).update(base).digest("base64"),
    });
    if (!(method in HASHES) && method !== "PLAINTEXT") throw new Error(`unsupported ${method}`);
    if (oauth.get("oauth_consumer_key") !== options.consumerKey) {
      throw new Error("unknown consumer");
    }
    const age = Math.abs(Date.now() / 1000 - Number(oauth.get("oauth_timestamp")));
    if (!(age < 300)) throw new Error("stale timestamp");
    const nonce = `${oauth.get("oauth_timestamp")}:${oauth.get("oauth_nonce")}`;
    if (seenNonces.has(nonce)) throw new Error("nonce reused");
    seenNonces.add(nonce);
    const url = new URL(request.url);
    const isForm = (request.headers.get("content-type") ?? "").startsWith(
      "application/x-www-form-urlencoded",
    );
    const parameters = [
      ...url.searchParams,
      ...(isForm ? new URLSearchParams(await request.text()) : []),
    ];
    const data: Record<string, string | string[]> = {};
    for (const [name, value] of parameters) {
      const previous = data[name];
      data[name] = previous === undefined ? value : [previous, value].flat();
    }
    const oauthData = Object.fromEntries([...oauth].filter(([name]) => name !== "oauth_signature"));
    const expected = signer.getSignature(
      { url: `${url.origin}${url.pathname}`, method: request.method, data },
      tokenSecret,
      oauthData as unknown as OAuth.Data,
    );
    const received = oauth.get("oauth_signature") ?? "";
    const same = expected.length === received.length &&
      timingSafeEqual(Buffer.from(expected), Buffer.from(received));
    if (!same) throw new Error("signature_invalid");
    return oauth;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    try {
      switch (`${request.method} ${url.pathname}`) {
        case "POST /request_token": {
          const oauth = await verify(request, "");
          const [token, secret] = [randomToken(), randomToken()];
          temporary.set(token, { secret, callback: oauth.get("oauth_callback") ?? "" });
          log.push(`provider: signature valid, issued temporary credentials ${token}`);
          return credentials(token, secret, { oauth_callback_confirmed: "true" });
        }
        case "GET /authorize": {
          const token = url.searchParams.get("oauth_token") ?? "";
          const grant = temporary.get(token);
          if (!grant) return new Response("unknown request token", { status: 400 });
          grant.verifier = randomToken();
          log.push(`provider: ${userName} approved ${token}`);
          if (grant.callback === "oob") {
            return new Response(`Your verification code: ${grant.verifier}`);
          }
          const back = new URL(grant.callback);
          back.searchParams.set("oauth_token", token);
          back.searchParams.set("oauth_verifier", grant.verifier);
          return new Response(null, { status: 302, headers: { location: back.href } });
        }
        case "POST /access_token": {
          const token = parseOAuthHeader(request.headers.get("authorization")).get("oauth_token") ??
            "";
          const grant = temporary.get(token);
          if (!grant) throw new Error("token_rejected");
          const oauth = await verify(request, grant.secret);
          if (!grant.verifier || oauth.get("oauth_verifier") !== grant.verifier) {
            throw new Error("verifier_invalid");
          }
          temporary.delete(token);
          const [accessToken, accessSecret] = [randomToken(), randomToken()];
          access.set(accessToken, accessSecret);
          log.push(`provider: verifier accepted, issued token credentials ${accessToken}`);
          return credentials(accessToken, accessSecret, { screen_name: "ada" });
        }
        case "GET /api/me": {
          const token = parseOAuthHeader(request.headers.get("authorization")).get("oauth_token") ??
            "";
          const secret = access.get(token);
          if (secret === undefined) throw new Error("token_rejected");
          await verify(request, secret);
          log.push("provider: signed API call accepted");
          return Response.json({ name: userName, screen_name: "ada" });
        }
        default:
          return new Response("not found", { status: 404 });
      }
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      log.push(`provider: refused ${url.pathname} (${problem})`);
      return new Response(`oauth_problem=${encodeURIComponent(problem)}`, {
        status: 401,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    }
  }

  return { handle, log };
}

function parseOAuthHeader(header: string | null): Map<string, string> {
  const parameters = new Map<string, string>();
  if (!header?.startsWith("OAuth ")) return parameters;
  for (const [, name, value] of header.matchAll(/([A-Za-z0-9_.~%-]+)="([^"]*)"/g)) {
    if (name !== "realm") parameters.set(decodeURIComponent(name), decodeURIComponent(value));
  }
  return parameters;
}

function randomToken(): string {
  return randomBytes(12).toString("hex");
}

function credentials(token: string, secret: string, extra: Record<string, string>): Response {
  const values = { oauth_token: token, oauth_token_secret: secret, ...extra };
  return new Response(new URLSearchParams(values).toString(), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
