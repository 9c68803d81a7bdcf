/**
 * `oauth discover`, `oauth token`, `oauth revoke`, `oauth introspect`, `oauth request`: the
 * server's metadata, a token by any grant, and what to do with it.
 *
 * @module
 */
import { discoverMetadata, TOKEN_EXCHANGE, TOKEN_TYPES } from "../../oauth2/mod.ts";
import { oauth2Client } from "../client.ts";
import { type CliConfig, required } from "../config.ts";
import { print, tokenLines } from "../output.ts";
import process from "node:process";

/** Flags of `oauth token` and `oauth request`. */
export interface TokenFlags {
  grant?: string;
  username?: string;
  password?: string;
  "subject-token"?: string;
  "subject-token-type"?: string;
  audience?: string;
  resource?: string[];
  method?: string;
  data?: string;
  header?: string[];
}

/** `oauth discover [issuer]`: the metadata, one member per line. */
export async function discover(config: CliConfig, issuer?: string): Promise<void> {
  const metadata = await discoverMetadata(issuer ?? required(config, "issuer"), {
    allowInsecureRequests: config.insecure,
  });
  const lines = Object.entries(metadata).map(([name, value]) =>
    `${name.padEnd(44)} ${Array.isArray(value) ? value.join(" ") : String(value)}`
  );
  print(config.json, lines, metadata);
}

/** `oauth token --grant …`: client_credentials (default), password, refresh or exchange. */
export async function token(config: CliConfig, flags: TokenFlags): Promise<void> {
  const client = await oauth2Client(config);
  const grant = flags.grant ?? "client_credentials";
  const resource = flags.resource?.length ? flags.resource : undefined;
  const obtained = grant === "refresh"
    ? await client.refreshToken()
    : grant === "password"
    ? await client.fetchToken({
      grantType: "password",
      username: need(flags.username, "--username"),
      password: need(flags.password, "--password"),
      resource,
    })
    : grant === "exchange"
    ? await client.fetchToken({
      grantType: TOKEN_EXCHANGE,
      subject_token: need(flags["subject-token"], "--subject-token"),
      subject_token_type: flags["subject-token-type"] ?? TOKEN_TYPES.accessToken,
      audience: flags.audience,
      resource,
    })
    : grant === "client_credentials"
    ? await client.fetchToken({ grantType: "client_credentials", resource })
    : fail(`--grant must be client_credentials, password, refresh or exchange, not ${grant}`);
  print(config.json, [`saved to profile "${config.profile}"`, ...tokenLines(obtained)], obtained);
}

/** `oauth revoke [token]`: the given token, or the profile's (its refresh token first). */
export async function revoke(config: CliConfig, value?: string): Promise<void> {
  const client = await oauth2Client(config);
  await client.revokeToken(value);
  print(config.json, ["revoked"], { revoked: true });
}

/** `oauth introspect [token]`: what the server says about the given or the profile's token. */
export async function introspect(config: CliConfig, value?: string): Promise<void> {
  const client = await oauth2Client(config);
  const about = await client.introspectToken(value);
  const lines = Object.entries(about).map(([name, value]) => `${name.padEnd(12)} ${String(value)}`);
  print(config.json, lines, about);
}

/** `oauth request <url>`: calls an API with the profile's token, refreshing it when needed. */
export async function request(config: CliConfig, url: string, flags: TokenFlags): Promise<void> {
  const client = await oauth2Client(config);
  const headers = new Headers();
  for (const header of flags.header ?? []) {
    const colon = header.indexOf(":");
    if (colon < 1) throw new TypeError(`--header must be "Name: value", got ${header}`);
    headers.append(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
  }
  const response = await client.fetch(url, {
    method: flags.method ?? (flags.data === undefined ? "GET" : "POST"),
    headers,
    body: flags.data,
  });
  const body = await response.text();
  const data = { status: response.status, headers: Object.fromEntries(response.headers), body };
  // Split, so that the body keeps its lines when print makes each one printable.
  print(config.json, [`HTTP ${response.status}`, ...body.split("\n")], data);
  if (!response.ok) process.exitCode = 1;
}

function need(value: string | undefined, flag: string): string {
  return value ?? fail(`this grant needs ${flag}`);
}

function fail(message: string): never {
  throw new TypeError(message);
}
