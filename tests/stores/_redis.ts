/**
 * A real Redis for the Redis store tests: Debian's `redis-server` on a free loopback port,
 * with nothing written to disk unless `persist` asks for an append-only file (so that a
 * restart keeps the token, as a production Redis would). Installed by `.ci/run`.
 *
 * ```ts ignore
 * await using redis = await startRedis();
 * const client = await createClient({ url: redis.url }).connect();
 * ```
 *
 * Written with Node's APIs, which Deno, Node and Bun all have, so that the store's tests run on
 * each runtime.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running `redis-server`. */
export interface RedisServer extends AsyncDisposable {
  /** The loopback port it listens on. */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Kills the server (SIGKILL, as a crash would) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`), and waits until it answers PING. */
  restart(): Promise<void>;
}

/** Starts `redis-server`; `persist` keeps its data across a restart in an append-only file. */
export async function startRedis({ persist = false } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "redis_test_"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    ...(persist ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  ];
  let child: { process: ChildProcess; exited: Promise<void> } | undefined;
  const start = async () => {
    const started = spawn("redis-server", args, { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => {
      started.once("exit", () => resolve());
      started.once("error", () => resolve());
    });
    child = { process: started, exited };
    await untilPong(port, exited);
  };
  const stop = async () => {
    if (child === undefined) return;
    const running = child;
    child = undefined;
    running.process.kill("SIGKILL");
    await running.exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    [Symbol.asyncDispose]: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now: the one the system gave a listener that is closed again. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = createServer();
    listener.once("error", reject);
    listener.listen(0, "127.0.0.1", () => {
      const { port } = listener.address() as AddressInfo;
      listener.close(() => resolve(port));
    });
  });
}

/** Waits until the server answers PING (`+PONG`), for at most 10 s. */
async function untilPong(port: number, exited: Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  let gone = false;
  exited.then(() => gone = true);
  while (Date.now() < deadline && !gone) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING${gone ? ": it exited" : ""}`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.once("error", () => done(false));
    socket.once("close", () => done(reply.startsWith("+PONG")));
  });
}
