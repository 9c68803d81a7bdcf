/**
 * `oauth login` (authorization code with PKCE through an RFC 8252 loopback redirect) and
 * `oauth device` (RFC 8628, the code shown prominently, a spinner while polling). Both save
 * the profile's user token.
 *
 * @module
 */
import process from "node:process";
import { openBrowser } from "../browser.ts";
import { oauth2Client } from "../client.ts";
import type { CliConfig } from "../config.ts";
import { portFlag, timeoutMs } from "../flag_values.ts";
import { listenForRedirect } from "../loopback.ts";
import { print, printable, tokenLines } from "../output.ts";

/** Flags of `oauth login` and `oauth device`. */
export interface LoginFlags {
  port?: string;
  "no-browser"?: boolean;
  timeout?: string;
}

/** `oauth login`: prints the URL, opens the browser, waits for the redirect, saves the token. */
export async function login(config: CliConfig, flags: LoginFlags): Promise<void> {
  const timeout = timeoutMs(flags.timeout);
  const redirect = await listenForRedirect(portFlag(flags.port));
  try {
    const client = await oauth2Client(config, { redirectUri: redirect.redirectUri }, [
      "authorization-endpoint",
      "token-endpoint",
    ]);
    const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
    process.stderr.write(`Open this URL to sign in:\n\n  ${printable(url.href)}\n\n`);
    if (!flags["no-browser"] && openBrowser(url.href)) {
      process.stderr.write("(opened in your browser)\n");
    }
    process.stderr.write(`Waiting for the redirect to ${redirect.redirectUri} …\n`);
    const callback = await redirect.callback(timeout);
    const token = await redirect.finish(() =>
      client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce })
    );
    const claims = client.idTokenClaims;
    const lines = [
      `signed in${claims ? ` as ${claims.sub}` : ""}; saved to profile "${config.profile}"`,
    ];
    print(config.json, [...lines, ...tokenLines(token)], { token, idTokenClaims: claims });
  } finally {
    redirect.close();
  }
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** `oauth device`: shows the code, polls (with a spinner on a terminal), saves the token. */
export async function device(config: CliConfig, flags: LoginFlags): Promise<void> {
  const timeout = timeoutMs(flags.timeout);
  const client = await oauth2Client(config, {}, ["device-endpoint", "token-endpoint"]);
  const authorization = await client.deviceAuthorization();
  const complete = authorization.verification_uri_complete;
  process.stderr.write(
    [
      "",
      `  Open ${printable(authorization.verification_uri)}`,
      "  and enter the code",
      "",
      `        ${printable(authorization.user_code)}`,
      "",
      ...(complete ? [`  (or open ${printable(complete)})`, ""] : []),
    ].join("\n") + "\n",
  );
  if (!flags["no-browser"] && complete) openBrowser(complete);
  const started = Date.now();
  let frame = 0;
  const spinner = process.stderr.isTTY
    ? setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stderr.write(
        `\r${FRAMES[frame++ % FRAMES.length]} waiting for approval… ${seconds}s `,
      );
    }, 100)
    : undefined;
  try {
    const token = await client.pollDeviceToken(authorization, {
      signal: AbortSignal.timeout(timeout),
    });
    if (spinner) process.stderr.write("\r\x1b[2K");
    print(
      config.json,
      [`approved; saved to profile "${config.profile}"`, ...tokenLines(token)],
      token,
    );
  } finally {
    clearInterval(spinner);
  }
}
