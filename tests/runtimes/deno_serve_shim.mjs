/**
 * `Deno.serve` for Node and Bun, over `node:http`: the subset tests/_loopback.ts calls
 * (`hostname`, `port`, `onListen`, a `Request → Response` handler, `addr.port`, `shutdown()`).
 * Response bodies are streamed with backpressure and cancelled when the client goes away, so
 * endless and stalled bodies behave as they do under Deno.
 */
import { createServer } from "node:http";

async function toRequest(incoming, origin) {
  const chunks = [];
  for await (const chunk of incoming) chunks.push(chunk);
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
  }
  const hasBody = !["GET", "HEAD"].includes(incoming.method);
  return new Request(new URL(incoming.url, origin), {
    method: incoming.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function send(response, outgoing) {
  const headers = [];
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers.push([name, value]);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push(["set-cookie", cookie]);
  outgoing.writeHead(response.status, headers.flat());
  if (!response.body) return outgoing.end();
  const reader = response.body.getReader();
  outgoing.on("close", () => reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true }));
    if (done || outgoing.destroyed) break;
    if (!outgoing.write(value)) await new Promise((resolve) => outgoing.once("drain", resolve));
  }
  outgoing.end();
}

function serve(options, handler) {
  const server = createServer(async (incoming, outgoing) => {
    try {
      const origin = `http://${incoming.headers.host ?? options.hostname}`;
      await send(await handler(await toRequest(incoming, origin)), outgoing);
    } catch (error) {
      outgoing.destroy(error);
    }
  });
  const addr = { transport: "tcp", hostname: options.hostname, port: 0 };
  server.listen(options.port ?? 0, options.hostname, () => {
    addr.port = server.address().port;
    options.onListen?.(addr);
  });
  return {
    addr,
    shutdown: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

globalThis.Deno.serve = serve;
