/**
 * `oauth oauth1 login` (the 3-legged flow of RFC 5849 §2, with a loopback callback or `oob`
 * and a typed-in verifier) and `oauth oauth1 sign` (a `curl` command carrying a signed
 * request, for any URL).
 *
 * @module
 */
import { createInterface } from "node:readline/promises";
import process from "node:process";
import { openBrowser } from "../browser.ts";
import { type OAuth1Token, OAuthError } from "../../mod.ts";
import { oauth1Client } from "../client.ts";
import { type CliConfig, required } from "../config.ts";
import { portFlag, timeoutMs } from "../flag_values.ts";
import { listenForRedirect } from "../loopback.ts";
import { print, printable, tokenLines } from "../output.ts";
import { tokenStore } from "../token_files.ts";

/** Flags of the `oauth1` commands. */
export interface OAuth1Flags {
  oob?: boolean;
  port?: string;
  "no-browser"?: boolean;
  timeout?: string;
  method?: string;
  data?: string;
}

type Credentials = { oauth_token: string; oauth_token_secret: string };

/**
 * The profile's token credentials. The file store keeps token objects (a string
 * `access_token` and `token_type`), so the credentials are saved with the token identifier
 * as `access_token` and the type `OAuth1` beside the server's own parameters.
 */
const credentials = {
  async get(config: CliConfig): Promise<Credentials | undefined> {
    const saved = await tokenStore(config, "oauth1").get();
    if (saved === undefined) return undefined;
    const { oauth_token = saved.access_token, oauth_token_secret } = saved;
    if (typeof oauth_token_secret !== "string") {
      throw new OAuthError(
        "store_failed",
        `the OAuth 1.0a token file of profile "${config.profile}" has no oauth_token_secret`,
      );
    }
    return { oauth_token: String(oauth_token), oauth_token_secret };
  },
  set(config: CliConfig, token: Credentials): Promise<void> {
    return tokenStore(config, "oauth1").set({
      ...token,
      access_token: token.oauth_token,
      token_type: "OAuth1",
    });
  },
};

/** `oauth oauth1 login`: temporary credentials, the user's approval, token credentials saved. */
export async function login(config: CliConfig, flags: OAuth1Flags): Promise<void> {
  const timeout = timeoutMs(flags.timeout);
  const port = portFlag(flags.port);
  const redirect = flags.oob ? undefined : await listenForRedirect(port);
  try {
    const client = oauth1Client(config, undefined, redirect?.redirectUri ?? "oob");
    await client.fetchRequestToken(required(config, "request-token-url"));
    const url = client.authorizationUrl(required(config, "authorize-url"));
    process.stderr.write(`Open this URL to authorize:\n\n  ${printable(url)}\n\n`);
    if (!flags["no-browser"]) openBrowser(url);
    const exchange = async (verifier: string): Promise<OAuth1Token> => {
      const accessTokenUrl = required(config, "access-token-url");
      const token = await client.fetchAccessToken(accessTokenUrl, { verifier });
      await credentials.set(config, token);
      return token;
    };
    let token: OAuth1Token;
    if (redirect) {
      const callback = await redirect.callback(timeout);
      // The browser's tab waits for the outcome of the exchange, so that it can say it.
      token = await redirect.finish(() =>
        exchange(client.parseAuthorizationResponse(callback.href).oauth_verifier)
      );
    } else token = await exchange(await typedVerifier());
    print(
      config.json,
      [`authorized; saved to profile "${config.profile}"`, ...tokenLines(token)],
      token,
    );
  } finally {
    redirect?.close();
  }
}

/** The verifier the user types in, from what the provider shows (`oob`). */
async function typedVerifier(): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question("Enter the verifier the provider shows: ")).trim();
  } finally {
    prompt.close();
  }
}

/** `oauth oauth1 sign <url>`: prints a `curl` command with the request signed. */
export async function sign(config: CliConfig, url: string, flags: OAuth1Flags): Promise<void> {
  const saved = await credentials.get(config);
  const client = oauth1Client(config, saved);
  const method = flags.method ?? (flags.data === undefined ? "GET" : "POST");
  const headers = flags.data === undefined
    ? undefined
    : { "content-type": "application/x-www-form-urlencoded" };
  const signed = await client.sign(new Request(url, { method, headers, body: flags.data }));
  const authorization = signed.headers.get("authorization")!;
  const command = [
    "curl",
    ...(method === "GET" ? [] : ["-X", method]),
    "-H",
    quote(`Authorization: ${authorization}`),
    ...(flags.data === undefined ? [] : [
      "-H",
      quote(headers!["content-type"].replace(/^/, "Content-Type: ")),
      "--data",
      quote(flags.data),
    ]),
    quote(signed.url),
  ].join(" ");
  print(config.json, [command], { method, url: signed.url, authorization, curl: command });
}

/** A POSIX shell single-quoted word. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}
