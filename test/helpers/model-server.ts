// A model hub on 127.0.0.1 serving the tiny model's files at Hugging Face paths, whose downloads can be held back:
// what a first start looks like on a slow or stalled connection, without leaving the machine.
import { readFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export interface ModelServer {
  /** MODEL_REMOTE_HOST for it. */
  url: string;
  /** Requests received, by path. */
  requests: string[];
  /** Let held downloads finish (and later ones through at once). */
  release(): void;
  close(): Promise<void>;
}

/**
 * Serves `<root>/<model id>/<file>` at `/<model id>/resolve/main/<file>`. With `holdModel`, the .onnx file's headers
 * and first 100 bytes go out at once and the rest waits for release().
 */
export async function serveModel(root: string, options: { holdModel?: boolean } = {}): Promise<ModelServer> {
  const requests: string[] = [];
  let released = !options.holdModel;
  const waiting: (() => void)[] = [];
  const server = http.createServer(async (request, response) => {
    requests.push(request.url ?? "");
    const match = /^\/(.+)\/resolve\/main\/(.+)$/.exec(request.url ?? "");
    const body = match ? await readFile(path.join(root, match[1]!, match[2]!)).catch(() => null) : null;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { "content-length": body.length });
    if (released || !match![2]!.endsWith(".onnx")) return response.end(body);
    response.write(body.subarray(0, 100));
    waiting.push(() => response.end(body.subarray(100)));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    release() {
      released = true;
      for (const finish of waiting.splice(0)) finish();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A host that accepts connections and never answers: what a black-holed or captive network looks like. */
export async function silentHost(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    connections: () => sockets.length,
    close() {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}
