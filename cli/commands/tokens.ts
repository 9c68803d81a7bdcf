/**
 * `oauth discover`, `oauth token`, `oauth revoke`, `oauth introspect`, `oauth request`: the
 * server's metadata, a token by any grant, and what to do with it.
 *
 * @module
 */
import { discoverMetadata, TOKEN_EXCHANGE, TOKEN_TYPES } from "../../oauth2/mod.ts";
import type { OAuth2Client, Token } from "../../mod.ts";
import { oauth2Client } from "../client.ts";
import { type CliConfig, required } from "../config.ts";
import { oneOf } from "../flag_values.ts";
import { print, tokenLines } from "../output.ts";
import { tokenInUse, tokenStore } from "../token_files.ts";
import { UsageError } from "../usage_error.ts";
import process from "node:process";

/** Flags of `oauth token`, `oauth request`, `oauth revoke` and `oauth introspect`. */
export interface TokenFlags {
  grant?: string;
  username?: string;
  password?: string;
  "subject-token"?: string;
  "subject-token-type"?: string;
  audience?: string;
  resource?: string[];
  "replace-user-token"?: boolean;
  "machine-token"?: boolean;
  method?: string;
  data?: string;
  header?: string[];
}

const GRANTS = ["client_credentials", "password", "refresh", "exchange"] as const;
type Grant = typeof GRANTS[number];

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

/**
 * `oauth token --grant …`: client_credentials (default), password, refresh or exchange. A
 * client_credentials token is a machine token, saved apart from the user's token (which the
 * other grants save) so that it never signs the user out, unless `--replace-user-token`.
 */
export async function token(config: CliConfig, flags: TokenFlags): Promise<void> {
  const grant = oneOf("--grant", flags.grant ?? "client_credentials", GRANTS);
  if (flags["replace-user-token"] && grant !== "client_credentials") {
    throw new UsageError("--replace-user-token is for the client_credentials grant only");
  }
  const apart = grant === "client_credentials" && !flags["replace-user-token"];
  const store = tokenStore(config, apart ? "machine" : "user");
  const client = await oauth2Client(config, { store }, ["token-endpoint"]);
  const obtained = await obtain(client, grant, flags);
  const saved = `saved to profile "${config.profile}"${apart ? " as its machine token" : ""}`;
  print(config.json, [saved, ...tokenLines(obtained)], obtained);
}

function obtain(client: OAuth2Client, grant: Grant, flags: TokenFlags): Promise<Token> {
  const resource = flags.resource?.length ? flags.resource : undefined;
  switch (grant) {
    case "refresh":
      return client.refreshToken();
    case "password":
      return client.fetchToken({
        grantType: "password",
        username: need(flags.username, "--username"),
        password: need(flags.password, "--password"),
        resource,
      });
    case "exchange":
      return client.fetchToken({
        grantType: TOKEN_EXCHANGE,
        subject_token: need(flags["subject-token"], "--subject-token"),
        subject_token_type: flags["subject-token-type"] ?? TOKEN_TYPES.accessToken,
        audience: flags.audience,
        resource,
      });
    case "client_credentials":
      return client.fetchToken({ grantType: "client_credentials", resource });
  }
}

/** `oauth revoke [token]`: the given token, or the saved one (its refresh token first). */
export async function revoke(
  config: CliConfig,
  value: string | undefined,
  flags: TokenFlags,
): Promise<void> {
  const store = await tokenInUse(config, flags["machine-token"]);
  const client = await oauth2Client(config, { store }, ["revocation-endpoint"]);
  await client.revokeToken(value);
  print(config.json, ["revoked"], { revoked: true });
}

/** `oauth introspect [token]`: what the server says about the given or the saved token. */
export async function introspect(
  config: CliConfig,
  value: string | undefined,
  flags: TokenFlags,
): Promise<void> {
  const store = await tokenInUse(config, flags["machine-token"]);
  const client = await oauth2Client(config, { store }, ["introspection-endpoint"]);
  const about = await client.introspectToken(value);
  const lines = Object.entries(about).map(([name, value]) => `${name.padEnd(12)} ${String(value)}`);
  print(config.json, lines, about);
}

/**
 * `oauth request <url>`: calls an API with the saved token, refreshing it when needed: the
 * user's token when there is one, else the machine token.
 */
export async function request(config: CliConfig, url: string, flags: TokenFlags): Promise<void> {
  const headers = requestHeaders(flags.header ?? []);
  const store = await tokenInUse(config, flags["machine-token"]);
  const client = await oauth2Client(config, { store });
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

function requestHeaders(lines: string[]): Headers {
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    // The header is not echoed: it may well be a credential.
    if (colon < 1) throw new UsageError('--header must be "Name: value"');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function need(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`this grant needs ${flag}`);
  return value;
}
