/**
 * A loopback HTTP server for tests. Deno's `Deno.serve` serves it; on Node and Bun the test shim
 * (tests/runtimes/deno_serve_shim.mjs) supplies the same call over `node:http`, so these tests run
 * there unchanged. `origin` is known only once the server listens, hence the promise.
 */
export interface Loopback {
  origin: string;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function serveLoopback(
  handler: (request: Request) => Response | Promise<Response>,
  port = 0,
): Promise<Loopback> {
  let server!: Deno.HttpServer;
  const address = await new Promise<Deno.NetAddr>((onListen) => {
    server = Deno.serve({ hostname: "127.0.0.1", port, onListen }, handler);
  });
  const close = () => server.shutdown();
  return { origin: `http://127.0.0.1:${address.port}`, close, [Symbol.asyncDispose]: close };
}
