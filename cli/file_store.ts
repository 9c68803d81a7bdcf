/**
 * Tokens saved per profile, as JSON files only their owner can read (mode 0600, in a 0700
 * directory): a `TokenStore`, so the client refreshes and rotates them as it would anywhere.
 *
 * @module
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MemoryTokenStore, type Token, type TokenStore } from "../mod.ts";

/** The store of one profile's token, under `<configDir>/tokens/<profile>.json`. */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly #lock = new MemoryTokenStore();

  constructor(configDir: string, profile: string, kind = "oauth2") {
    if (!/^[\w.-]+$/.test(profile)) throw new TypeError("a profile name is letters, digits, . _ -");
    this.path = join(configDir, "tokens", `${profile}${kind === "oauth2" ? "" : `.${kind}`}.json`);
  }

  /** The saved token, or `undefined`. */
  async get(): Promise<Token | undefined> {
    try {
      return JSON.parse(await readFile(this.path, "utf8"));
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Saves `token`, readable by its owner only. */
  async set(token: Token): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await writeFile(this.path, JSON.stringify(token, null, 2), { mode: 0o600 });
    await chmod(this.path, 0o600); // writeFile's mode applies only to a new file
  }

  /** Forgets the token. */
  async delete(): Promise<void> {
    await rm(this.path, { force: true });
  }

  /** One CLI process at a time is all there is; this orders its own work. */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#lock.withLock(fn);
  }
}
