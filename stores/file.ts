/**
 * A token store in a JSON file, for command-line tools and for apps whose processes share one
 * machine (Node, Deno, Bun): the token at the path given, readable by its owner only, written
 * so that a crash never leaves it truncated, with a lock file beside it that processes take
 * before refreshing. A holder that dies leaves a lock that runs out, and another process takes
 * over.
 *
 * This is the one library module that uses Node built-ins (`node:fs/promises`,
 * `node:path`), an exception the design allows for this store: a file system is all it is
 * about, and Node, Deno and Bun all provide those modules. Workers and browsers have no file
 * system; use another store there.
 *
 * @example A client whose token lives in a file
 * ```ts ignore
 * import { OAuth2Client } from "@x/oauth";
 * import { FileTokenStore } from "@x/oauth/file";
 *
 * const store = new FileTokenStore("/home/alice/.config/my-app/token.json");
 * const client = new OAuth2Client({ clientId, tokenEndpoint, store });
 * ```
 *
 * @module
 */
import * as nodeFs from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SecretFree } from "../_inspect.ts";
import { randomBase64url } from "../_random.ts";
import { OAuthError } from "../errors.ts";
import type { Token } from "../oauth2/types.ts";
import { bounded, holdLease, waitForLease } from "./_lease.ts";
import { parseStoredToken, positiveMs } from "./_stored.ts";
import type { TokenLease, TokenStore } from "../oauth2/token_store.ts";

// The types the store's API names, so that this entry point is documented on its own.
export type { Token } from "../oauth2/types.ts";
export type { TokenLease, TokenStore } from "../oauth2/token_store.ts";

/** Options of {@linkcode FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** How long a lock lasts without renewal, in milliseconds; default 10 000. */
  leaseMs?: number;
  /** How long `withLock` waits for the lock before `lock_timeout`; default 30 000. */
  waitMs?: number;
  /**
   * The file system calls the store makes; default `node:fs/promises`. For an in-memory or
   * instrumented file system (the store's fault-injection tests use one).
   */
  fileSystem?: FileSystem;
}

/** The calls of `node:fs/promises` the store makes. */
export type FileSystem = Pick<
  typeof nodeFs,
  "link" | "mkdir" | "open" | "readFile" | "rename" | "rm" | "unlink"
>;

/** What a lock file holds. */
interface Lock {
  owner: string;
  until: number;
}

/** A lock file as read: its identity (inode and modification time), its text and its lock. */
interface LockRead {
  ino: number;
  mtimeMs: number;
  text: string;
  /** `undefined` while its creator has not written it yet, or when it is not a lock. */
  lock?: Lock;
}

/**
 * A {@linkcode TokenStore} in a file, shared by every process on the machine that opens the
 * same path.
 *
 * Writes never go through an existing file or a symbolic link: the token is written to a new
 * file (mode 0600) in the same directory, flushed to disk, and renamed over the path, so the
 * file holds either the old token or the new one, whole, whatever happens; a symbolic link at
 * the path is replaced, never followed. The directory is created with mode 0700 when missing
 * (an existing one keeps its mode). A writer killed mid-write leaves its temporary file
 * (`.<name>.<random>.tmp`, mode 0600) behind; the store never reads it, nor removes it.
 *
 * `withLock` takes the lock file `<path>.lock` by creating it exclusively, holding its owner
 * and the time it runs out; the holder renews it while the work runs and removes it after.
 * Others poll until it is free, or has run out. A lock that has run out (its holder died) is
 * taken over by one process at a time: the one that creates `<path>.lock.takeover`
 * exclusively reads the lock again, and only if it is still the same file, unchanged, moves it
 * aside (checking there that it moved that file) and removes it; then everyone may create the
 * lock anew.
 *
 * A file system has no compare-and-set across two files, so a holder checks its lock just
 * before a step rather than in the same step: the fenced token write reads the lock
 * immediately before the rename that replaces the token file, a renewal before it replaces
 * the lock file, the release before it removes it. Each goes ahead only while the lock is
 * the holder's with more than a fifth of `leaseMs` left (the margin the holder keeps by its
 * own clock), so another process could take the lock in between only if the holder stalled
 * for longer than that between the read and the step. A lock that has (nearly) run out is
 * left to run out. The lock's times are this machine's clock, so every process sharing the
 * file must share that clock: a network file system shared by several machines is not
 * supported.
 *
 * @example
 * ```ts
 * import { FileTokenStore } from "@x/oauth/file";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const store = new FileTokenStore(`${dir}/tokens/alice.json`);
 * assert.equal(await store.get(), undefined);
 * await store.set({ access_token: "at", token_type: "Bearer" });
 * assert.equal((await store.get())?.access_token, "at");
 * assert.equal((await Deno.stat(`${dir}/tokens/alice.json`)).mode! & 0o777, 0o600);
 * await store.withLock(async () => {
 *   // Only one process at a time gets here.
 * });
 * await store.delete();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class FileTokenStore extends SecretFree implements TokenStore {
  /** The path of the token file. */
  readonly path: string;
  readonly #dir: string;
  readonly #lockPath: string;
  readonly #leaseMs: number;
  readonly #waitMs: number;
  readonly #fs: FileSystem;

  /**
   * Creates the store; nothing is read or written until it is used.
   *
   * @param path the token file, e.g. `~/.config/my-app/tokens/alice.json` (expanded); its
   * directory is created when missing
   * @param options the lock's length and how long to wait for it
   */
  constructor(path: string, options: FileTokenStoreOptions = {}) {
    super();
    if (typeof path !== "string" || path === "") {
      throw new TypeError("path must be the path of the token file");
    }
    this.path = path;
    this.#dir = dirname(path);
    this.#lockPath = `${path}.lock`;
    this.#leaseMs = positiveMs(options.leaseMs ?? 10_000, "leaseMs");
    this.#waitMs = positiveMs(options.waitMs ?? 30_000, "waitMs");
    this.#fs = options.fileSystem ?? nodeFs;
  }

  /**
   * The token, or `undefined` when there is no file; `store_failed` when the file cannot be
   * read or does not hold a token (its content is never in the message).
   */
  async get(): Promise<Token | undefined> {
    const text = await this.#io(
      "read the token",
      () => this.#fs.readFile(this.path, "utf8").catch(unlessMissing),
    );
    return text === undefined ? undefined : parseStoredToken(text, `the token file ${this.path}`);
  }

  /** Keeps `token`, replacing the file (or a symbolic link at its path) in one rename. */
  async set(token: Token): Promise<void> {
    await this.#io("write the token", async () => this.#commit(await this.#prepare(token)));
  }

  /** Forgets the token: removes the file (a symbolic link at its path, not its target). */
  async delete(): Promise<void> {
    await this.#io("delete the token", () => this.#fs.unlink(this.path).catch(unlessMissing));
  }

  /**
   * Runs `fn` holding the lock, renewed every third of `leaseMs` until `fn` ends, then
   * removed. `fn` gets the {@linkcode TokenLease}: once renewals have failed until the lock
   * ran out, or another process holds it, the holder's signal is aborted and its token writes
   * are refused with `lease_lost`. Waiting for the lock longer than `waitMs` is
   * `lock_timeout`.
   */
  async withLock<T>(fn: (lease?: TokenLease) => Promise<T>): Promise<T> {
    const owner = randomBase64url(16);
    const askedAt = await this.#acquire(owner);
    return await holdLease(
      {
        leaseMs: this.#leaseMs,
        now: Date.now,
        renew: () => this.#renew(owner),
        release: () => this.#release(owner),
        fencedSet: (token) => this.#fencedSet(owner, token),
      },
      askedAt,
      fn,
    );
  }

  /** The file's path and the lock's timings, never the token: a summary for logs. */
  toJSON(): Record<string, unknown> {
    return { path: this.path, leaseMs: this.#leaseMs, waitMs: this.#waitMs };
  }

  /** Takes the lock; resolves with the time it was asked for, from which it lasts. */
  #acquire(owner: string): Promise<number> {
    return waitForLease(
      async () => {
        const askedAt = Date.now();
        const created = await this.#io("take the lock", () => this.#create(this.#lockPath, owner));
        if (created) return { askedAt };
        const held = await this.#io("read the lock", () => readLock(this.#fs, this.#lockPath));
        if (held === undefined) return { freeInMs: 0 }; // removed meanwhile: try again at once
        const now = Date.now();
        const until = this.#until(held);
        if (until > now) return { freeInMs: until - now };
        if (await this.#io("take over the lock", () => this.#takeOver(held))) {
          return { freeInMs: 0 };
        }
        // Another process is taking it over: look again soon.
        return { freeInMs: 5 + Math.random() * 25 };
      },
      this.#waitMs,
      Date.now,
    );
  }

  /**
   * Removes `stale`, a lock that has run out, so that it can be taken anew: `true` when it is
   * gone. Only the holder of the takeover file (`<path>.lock.takeover`, created exclusively)
   * does so, after reading that the lock is still `stale`, unchanged: without it, a process
   * that read the same stale lock a moment later could remove the lock just taken anew.
   */
  async #takeOver(stale: LockRead): Promise<boolean> {
    const takeover = `${this.#lockPath}.takeover`;
    const owner = randomBase64url(16);
    if (!await this.#create(takeover, owner)) {
      // Another process is taking over, or died doing so: its file runs out like a lock.
      const other = await readLock(this.#fs, takeover);
      if (other !== undefined && this.#until(other) <= Date.now()) {
        await removeIf(this.#fs, takeover, (read) => same(read, other));
      }
      return false;
    }
    try {
      const current = await readLock(this.#fs, this.#lockPath);
      if (current === undefined) return true;
      return same(current, stale) &&
        await removeIf(this.#fs, this.#lockPath, (read) => same(read, stale));
    } finally {
      const mine = await readLock(this.#fs, takeover);
      if (mine?.lock?.owner === owner) await this.#fs.unlink(takeover).catch(unlessMissing);
    }
  }

  /** When a lock (or takeover) file runs out, by this machine's clock. */
  #until(read: LockRead): number {
    // A file not written yet (or not a lock) is dated by its modification time: a creator
    // that died between creating and writing it must not block everyone for ever.
    return read.lock?.until ?? read.mtimeMs + this.#leaseMs;
  }

  /**
   * Whether `read` is `owner`'s lock with more than the lease's safety margin (a fifth of it,
   * as the holder keeps by its own clock) left: a lock file is replaced or removed by its
   * holder only then, so that no other process can have judged it run out in between.
   */
  #held(read: LockRead | undefined, owner: string): boolean {
    return read?.lock?.owner === owner && read.lock.until - Date.now() > this.#leaseMs / 5;
  }

  /** Creates the lock file at `path` if there is none: `true`, or `false` when one exists. */
  async #create(path: string, owner: string): Promise<boolean> {
    await this.#mkdir();
    let handle;
    try {
      handle = await this.#fs.open(path, "wx", 0o600);
    } catch (error) {
      if (code(error) === "EEXIST") return false;
      throw error;
    }
    try {
      // Not flushed to disk: after a machine crash, an empty lock file runs out by its date.
      await handle.writeFile(JSON.stringify({ owner, until: Date.now() + this.#leaseMs }));
    } catch (error) {
      await handle.close().catch(() => {});
      await this.#fs.unlink(path).catch(() => {});
      throw error;
    }
    await handle.close();
    return true;
  }

  /** Moves the lock's end on, if the lock is still `owner`'s. */
  async #renew(owner: string): Promise<boolean> {
    if (!this.#held(await readLock(this.#fs, this.#lockPath), owner)) return false;
    const temp = `${this.#lockPath}.${randomBase64url(12)}.tmp`;
    await writeNew(
      this.#fs,
      temp,
      JSON.stringify({ owner, until: Date.now() + this.#leaseMs }),
      false,
    );
    try {
      await this.#fs.rename(temp, this.#lockPath);
    } catch (error) {
      await this.#fs.rm(temp, { force: true }).catch(() => {});
      throw error;
    }
    return true;
  }

  /**
   * Removes the lock if it is still `owner`'s; one that has (nearly) run out is left to run
   * out, as another process may be taking it over.
   */
  async #release(owner: string): Promise<void> {
    if (this.#held(await readLock(this.#fs, this.#lockPath), owner)) {
      await this.#fs.unlink(this.#lockPath).catch(unlessMissing);
    }
  }

  /**
   * Writes `token` if the lock is `owner`'s, checked right before the rename that replaces
   * the file (the new file is written and flushed before the check).
   */
  async #fencedSet(owner: string, token: Token): Promise<boolean> {
    const temp = await this.#prepare(token);
    let committed = false;
    try {
      if (!this.#held(await readLock(this.#fs, this.#lockPath), owner)) return false;
      await this.#commit(temp);
      committed = true;
      return true;
    } finally {
      if (!committed) await this.#fs.rm(temp, { force: true }).catch(() => {});
    }
  }

  /** Writes `token` to a new file beside the token file, flushed to disk: its path. */
  async #prepare(token: Token): Promise<string> {
    await this.#mkdir();
    const temp = join(this.#dir, `.${basename(this.path)}.${randomBase64url(12)}.tmp`);
    await writeNew(this.#fs, temp, JSON.stringify(token, null, 2), true);
    return temp;
  }

  /** Renames the prepared file over the token file, then flushes the directory. */
  async #commit(temp: string): Promise<void> {
    try {
      await this.#fs.rename(temp, this.path);
    } catch (error) {
      await this.#fs.rm(temp, { force: true }).catch(() => {});
      throw error;
    }
    // Makes the rename itself survive a machine crash; not every system can open a directory.
    const dir = await this.#fs.open(this.#dir, "r").catch(() => undefined);
    await dir?.sync().catch(() => {});
    await dir?.close().catch(() => {});
  }

  #mkdir(): Promise<unknown> {
    return this.#fs.mkdir(this.#dir, { recursive: true, mode: 0o700 });
  }

  /** A file operation, bounded in time; its failure is `store_failed`. */
  async #io<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await bounded(operation(), this.#leaseMs, what);
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError(
        "store_failed",
        `the token store could not ${what} at ${this.path}: ${code(error) ?? String(error)}`,
        { cause: error },
      );
    }
  }
}

/** The lock file at `path`, or `undefined` when there is none. */
async function readLock(fs: FileSystem, path: string): Promise<LockRead | undefined> {
  let handle;
  try {
    handle = await fs.open(path, "r");
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    const stat = await handle.stat();
    const text = await handle.readFile("utf8");
    return { ino: stat.ino, mtimeMs: stat.mtimeMs, text, lock: parseLock(text) };
  } finally {
    await handle.close();
  }
}

/**
 * Removes the lock file at `path` if `test` accepts it: it is first moved aside, which only
 * one process can do to the same file, then read there. A file that proves to be another one
 * than the caller meant is put back, unless a new one was made in the meantime. `true` when
 * the file was removed.
 */
async function removeIf(
  fs: FileSystem,
  path: string,
  test: (read: LockRead) => boolean,
): Promise<boolean> {
  const aside = `${path}.${randomBase64url(12)}.stale`;
  try {
    await fs.rename(path, aside);
  } catch (error) {
    if (code(error) === "ENOENT") return false;
    throw error;
  }
  let read: LockRead | undefined;
  try {
    read = await readLock(fs, aside);
  } finally {
    if (read === undefined || !test(read)) await putBack(fs, aside, path);
  }
  if (read === undefined || !test(read)) return false;
  await fs.unlink(aside).catch(unlessMissing);
  return true;
}

/** Creates `path` (it must not exist), mode 0600, with `text`; flushed to disk if `flush`. */
async function writeNew(fs: FileSystem, path: string, text: string, flush: boolean): Promise<void> {
  const handle = await fs.open(path, "wx", 0o600);
  try {
    try {
      await handle.writeFile(text);
      if (flush) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.rm(path, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * Puts a lock moved aside back at `path`, unless another lock is there by now (`link` never
 * replaces a file); on a file system without hard links, by a rename.
 */
async function putBack(fs: FileSystem, aside: string, path: string): Promise<void> {
  try {
    await fs.link(aside, path);
  } catch (error) {
    if (code(error) !== "EEXIST") {
      await fs.rename(aside, path);
      return;
    }
  }
  await fs.unlink(aside).catch(unlessMissing);
}

/** The same lock file, unchanged: not renewed, nor removed and created again. */
function same(a: LockRead, b: LockRead): boolean {
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.text === b.text;
}

function parseLock(text: string): Lock | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value?.owner === "string" && Number.isFinite(value.until) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The token in `text`; never echoes the text, which may hold secrets. */
function code(error: unknown): string | undefined {
  const value = (error as { code?: unknown } | null)?.code;
  return typeof value === "string" ? value : undefined;
}

function unlessMissing(error: unknown): void {
  if (code(error) !== "ENOENT") throw error;
}
