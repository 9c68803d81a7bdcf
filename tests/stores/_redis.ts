/**
 * A real Redis for the Redis store tests: Debian's `redis-server` on a free loopback port,
 * with nothing written to disk unless `persist` asks for an append-only file (so that a
 * restart keeps the token, as a production Redis would). Installed by `.ci/run`.
 *
 * ```ts ignore
 * await using redis = await startRedis();
 * const client = await createClient({ url: redis.url }).connect();
 * ```
 */

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
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "redis_test_" });
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
  let child: Deno.ChildProcess | undefined;
  const start = async () => {
    child = new Deno.Command("redis-server", { args, stdout: "null", stderr: "null" }).spawn();
    await untilPong(port, child);
  };
  const stop = async () => {
    if (child === undefined) return;
    const running = child;
    child = undefined;
    try {
      running.kill("SIGKILL");
    } catch {
      // It has exited already.
    }
    await running.status;
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
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A port nothing listens on now: the one the system gave a listener that is closed again. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Waits until the server answers PING (`+PONG`), for at most 10 s. */
async function untilPong(port: number, child: Deno.ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  let exited = false;
  child.status.then(() => exited = true);
  while (Date.now() < deadline && !exited) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING${exited ? ": it exited" : ""}`);
}

async function ping(port: number): Promise<boolean> {
  let connection: Deno.TcpConn | undefined;
  try {
    connection = await Deno.connect({ hostname: "127.0.0.1", port });
    await connection.write(new TextEncoder().encode("PING\r\n"));
    const buffer = new Uint8Array(64);
    const read = await connection.read(buffer);
    return new TextDecoder().decode(buffer.subarray(0, read ?? 0)).startsWith("+PONG");
  } catch {
    return false;
  } finally {
    connection?.close();
  }
}
