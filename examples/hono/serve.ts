/**
 * Serves a Hono app with the server of the runtime it runs on: `Deno.serve` on Deno,
 * `Bun.serve` on Bun, `@hono/node-server` on Node. Each is one line, as Hono's own guides have
 * it; this picks the line for the runtime, so one entry (`main.ts`) runs on all three.
 *
 * @module
 */
import type { Hono } from "hono";

/** A listening server. */
export interface Served {
  /** The server that answers: `Deno.serve`, `Bun.serve` or `@hono/node-server`. */
  server: string;
  port: number;
  close(): Promise<void>;
}

/** The part of Bun's global this uses (its types are Bun's own package, not installed here). */
interface BunLike {
  serve(options: { fetch: Hono["fetch"]; hostname: string; port: number }): {
    port: number;
    stop(closeActiveConnections?: boolean): Promise<void>;
  };
}

/** Serves `app` on `hostname:port` (port 0: any free one) until `close()`. */
export async function serve(
  app: Hono,
  { hostname = "127.0.0.1", port = 8000 } = {},
): Promise<Served> {
  const { Bun } = globalThis as { Bun?: BunLike };
  if (Bun) {
    const server = Bun.serve({ fetch: app.fetch, hostname, port });
    return { server: "Bun.serve", port: server.port, close: () => server.stop(true) };
  }
  if (globalThis.navigator?.userAgent?.startsWith("Deno/")) {
    let server!: Deno.HttpServer;
    const listening = await new Promise<Deno.NetAddr>((onListen) => {
      server = Deno.serve({ hostname, port, onListen }, app.fetch);
    });
    return { server: "Deno.serve", port: listening.port, close: () => server.shutdown() };
  }
  const { serve } = await import("@hono/node-server");
  let server!: ReturnType<typeof serve>;
  const listening = await new Promise<{ port: number }>((onListen) => {
    // Keeps Node's own Request and Response: by default they are swapped process-wide for
    // faster ones, which every other module of the process would then see too.
    server = serve({ fetch: app.fetch, hostname, port, overrideGlobalObjects: false }, onListen);
  });
  return {
    server: "@hono/node-server",
    port: listening.port,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        (server as { closeAllConnections?(): void }).closeAllConnections?.();
      }),
  };
}
