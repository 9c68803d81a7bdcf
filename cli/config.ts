/**
 * The CLI's settings: flags first, then environment variables (`OAUTH_CLIENT_ID`, …), then the
 * profile file (`profiles.json` in the config directory), by name.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import process from "node:process";

/** Every setting, as a flag name and its environment variable. */
export const SETTINGS = {
  issuer: "OAUTH_ISSUER",
  "client-id": "OAUTH_CLIENT_ID",
  "client-secret": "OAUTH_CLIENT_SECRET",
  "client-auth": "OAUTH_CLIENT_AUTH",
  scope: "OAUTH_SCOPE",
  "authorization-endpoint": "OAUTH_AUTHORIZATION_ENDPOINT",
  "token-endpoint": "OAUTH_TOKEN_ENDPOINT",
  "device-endpoint": "OAUTH_DEVICE_ENDPOINT",
  "revocation-endpoint": "OAUTH_REVOCATION_ENDPOINT",
  "introspection-endpoint": "OAUTH_INTROSPECTION_ENDPOINT",
  "userinfo-endpoint": "OAUTH_USERINFO_ENDPOINT",
  "consumer-key": "OAUTH1_CONSUMER_KEY",
  "consumer-secret": "OAUTH1_CONSUMER_SECRET",
  "request-token-url": "OAUTH1_REQUEST_TOKEN_URL",
  "authorize-url": "OAUTH1_AUTHORIZE_URL",
  "access-token-url": "OAUTH1_ACCESS_TOKEN_URL",
} as const;

/** A setting's flag name. */
export type Setting = keyof typeof SETTINGS;

/** What every command knows. */
export interface CliConfig {
  profile: string;
  configDir: string;
  json: boolean;
  /** `--insecure` (or `OAUTH_INSECURE=1`, or `"insecure": true` in the profile): http: servers. */
  insecure: boolean;
  settings: Partial<Record<Setting, string>>;
}

/** Settings that are secrets: never printed, never in error messages. */
export const SECRET_SETTINGS: readonly Setting[] = ["client-secret", "consumer-secret"];

/** The settings of `profile`, from flags, environment and profile file in that order. */
export async function loadConfig(flags: Record<string, unknown>): Promise<CliConfig> {
  const env = process.env;
  const profile = String(flags.profile ?? env.OAUTH_PROFILE ?? "default");
  const configDir = String(
    flags["config-dir"] ?? env.OAUTH_CONFIG_DIR ?? join(homedir(), ".config", "x-oauth"),
  );
  const file = await readProfiles(join(configDir, "profiles.json"));
  const fromFile = file[profile] ?? {};
  const settings: CliConfig["settings"] = {};
  for (const [name, variable] of Object.entries(SETTINGS) as [Setting, string][]) {
    const value = flags[name] ?? env[variable] ?? fromFile[name];
    if (value !== undefined && value !== "") settings[name] = String(value);
  }
  const insecure = flags.insecure === true || env.OAUTH_INSECURE === "1" ||
    fromFile.insecure === true;
  return { profile, configDir, json: flags.json === true, insecure, settings };
}

async function readProfiles(path: string): Promise<Record<string, Record<string, unknown>>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return {};
    throw error;
  }
  const parsed = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`${path} must hold a JSON object of profiles`);
  }
  return parsed;
}

/** A required setting, or a usage error naming its flag and variable. */
export function required(config: CliConfig, name: Setting): string {
  const value = config.settings[name];
  if (value === undefined) {
    throw new TypeError(`missing --${name} (or ${SETTINGS[name]}, or "${name}" in the profile)`);
  }
  return value;
}
