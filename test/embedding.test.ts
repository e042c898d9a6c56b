import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { AutoTokenizer, env } from "@xenova/transformers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeTinyModel, TINY_MODEL } from "../scripts/make-tiny-model.js";
import {
  embeddingSettingsFromEnv,
  loadEmbedder,
  type Embedder,
  type EmbeddingSettings,
} from "../src/embedding/embedder.js";
import { prefixesFor } from "../src/embedding/prefixes.js";

let tmp: string;
let modelDir: string;
let embedder: Embedder;

function settings(overrides: Partial<EmbeddingSettings> = {}): EmbeddingSettings {
  return { modelId: TINY_MODEL.id, modelDir, allowRemote: false, downloadTimeoutMs: 2000, ...overrides };
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const words = (n: number) => Array.from({ length: n }, () => "the").join(" ");

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "briefbot-embedding-"));
  modelDir = path.join(tmp, "models");
  await makeTinyModel(modelDir);
  const warn = vi.fn();
  const loaded = await loadEmbedder(settings(), warn);
  expect(warn).not.toHaveBeenCalled();
  expect(loaded).not.toBeNull();
  embedder = loaded!;
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("tiny model generator", () => {
  it("writes the same bytes every run", async () => {
    const again = path.join(tmp, "again");
    await makeTinyModel(again);
    for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"]) {
      const first = await readFile(path.join(modelDir, TINY_MODEL.id, file));
      const second = await readFile(path.join(again, TINY_MODEL.id, file));
      expect(second.equals(first), file).toBe(true);
    }
  });
});

describe("embedder on the tiny model (transformers.js + onnxruntime-node)", () => {
  it("reports the model's id, dimensions and token limit", () => {
    expect(embedder.modelId).toBe(TINY_MODEL.id);
    expect(embedder.dimensions).toBe(TINY_MODEL.hiddenSize);
    expect(embedder.maxTokens).toBe(TINY_MODEL.maxTokens);
  });

  it("returns unit-length vectors of the configured size", async () => {
    const vectors = [
      ...(await embedder.embedPassages(["The minister answered questions.", "", "Élection 2024: résultats!"])),
      await embedder.embedQuery("what did the minister say?"),
    ];
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
  });

  it("puts word-overlapping texts closer than unrelated ones", async () => {
    const [text, overlapping, unrelated] = await embedder.embedPassages([
      "the president met the foreign minister to talk about trade",
      "the foreign minister talked trade with the president",
      "heavy rain and snow forecast for tomorrow morning",
    ]);
    expect(dot(text!, overlapping!)).toBeGreaterThan(dot(text!, unrelated!) + 0.2);
  });

  it("embeds a passage the same alone and inside a padded batch of more than 32", async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `passage ${i}: ${words(i % 9)} government budget`);
    const batch = await embedder.embedPassages(texts);
    expect(batch).toHaveLength(70);
    for (const i of [0, 33, 69]) {
      const [alone] = await embedder.embedPassages([texts[i]!]);
      expect(Array.from(batch[i]!)).toEqual(Array.from(alone!).map((x) => expect.closeTo(x, 5)));
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it("counts tokens as the model's tokenizer does, [CLS] and [SEP] included", async () => {
    env.localModelPath = modelDir;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(TINY_MODEL.id);
    for (const text of ["", "the president", "Presidents’ briefing: €5, naïve café!", words(50)]) {
      expect(embedder.countTokens(text)).toBe(tokenizer.encode(text).length);
    }
    expect(embedder.countTokens("")).toBe(2);
    expect(embedder.countTokens("the president")).toBe(4);
  });

  it("refuses passages longer than maxTokens instead of truncating them", async () => {
    const fits = words(TINY_MODEL.maxTokens - 2);
    expect(embedder.countTokens(fits)).toBe(TINY_MODEL.maxTokens);
    await expect(embedder.embedPassages([fits])).resolves.toHaveLength(1);
    await expect(embedder.embedPassages(["short", words(TINY_MODEL.maxTokens)])).rejects.toThrow(
      /passage 1 has 130 tokens, more than the 128/,
    );
  });

  it("truncates long queries rather than failing", async () => {
    const vector = await embedder.embedQuery(words(500));
    expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
  });
});

describe("loadEmbedder when the model is unavailable", () => {
  const missing = () => settings({ modelId: "Xenova/all-MiniLM-L6-v2", modelDir: path.join(tmp, "empty") });

  function expectOneWarning(warn: ReturnType<typeof vi.fn>, folder: string) {
    expect(warn).toHaveBeenCalledTimes(1);
    const line = warn.mock.calls[0]![0] as string;
    expect(line).not.toContain("\n");
    expect(line).toContain("Xenova/all-MiniLM-L6-v2");
    expect(line).toContain(folder);
    expect(line).toContain("npm run model:fetch");
    expect(line).toMatch(/keyword \(lexical\) search/);
    return line;
  }

  it("returns null and warns once when downloads are off", async () => {
    const warn = vi.fn();
    await expect(loadEmbedder(missing(), warn)).resolves.toBeNull();
    const line = expectOneWarning(warn, path.join(tmp, "empty", "Xenova", "all-MiniLM-L6-v2"));
    expect(line).toContain("ALLOW_REMOTE_MODELS");
  });

  it("returns null quickly when the host refuses connections", async () => {
    const port = await closedPort();
    const warn = vi.fn();
    const started = Date.now();
    const result = await loadEmbedder(
      { ...missing(), allowRemote: true, remoteHost: `http://127.0.0.1:${port}/`, downloadTimeoutMs: 1500 },
      warn,
    );
    expect(result).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(expectOneWarning(warn, "Xenova")).toContain("connection refused");
  });

  it("gives up after downloadTimeoutMs when the host accepts but never answers", async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    const port = await listen(server);
    try {
      const warn = vi.fn();
      const started = Date.now();
      const result = await loadEmbedder(
        { ...missing(), allowRemote: true, remoteHost: `http://127.0.0.1:${port}/`, downloadTimeoutMs: 300 },
        warn,
      );
      expect(result).toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(expectOneWarning(warn, "Xenova")).toContain("no data from");
    } finally {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    }
  });

  it("returns null when the model file is damaged", async () => {
    const damaged = path.join(tmp, "damaged");
    await makeTinyModel(damaged);
    await writeFile(path.join(damaged, TINY_MODEL.id, "onnx", "model_quantized.onnx"), "not a model");
    const quietConsole = [vi.spyOn(console, "warn").mockImplementation(() => {}), vi.spyOn(console, "error").mockImplementation(() => {})];
    try {
      const warn = vi.fn();
      await expect(loadEmbedder(settings({ modelDir: damaged }), warn)).resolves.toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain(path.join(damaged, TINY_MODEL.id));
    } finally {
      quietConsole.forEach((spy) => spy.mockRestore());
    }
  });
});

describe("downloading from a mirror (MODEL_REMOTE_HOST)", () => {
  it("downloads into modelDir, after which the model loads offline", async () => {
    const mirror = await serveModelFiles(modelDir);
    const target = path.join(tmp, "downloaded");
    try {
      const warn = vi.fn();
      const online = await loadEmbedder(settings({ modelDir: target, allowRemote: true, remoteHost: mirror.url }), warn);
      expect(warn).not.toHaveBeenCalled();
      expect(online?.dimensions).toBe(TINY_MODEL.hiddenSize);
    } finally {
      await mirror.close();
    }
    expect((await stat(path.join(target, TINY_MODEL.id, "onnx", "model_quantized.onnx"))).size).toBeGreaterThan(0);
    const offline = await loadEmbedder(settings({ modelDir: target }), vi.fn());
    const [a, b] = await Promise.all([offline!.embedQuery("trade talks"), embedder.embedQuery("trade talks")]);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("gives up when a download stops sending data midway", async () => {
    const mirror = await serveModelFiles(modelDir, { stallAfterBytes: 100 });
    try {
      const warn = vi.fn();
      const started = Date.now();
      const result = await loadEmbedder(
        settings({ modelDir: path.join(tmp, "stalled"), allowRemote: true, remoteHost: mirror.url, downloadTimeoutMs: 300 }),
        warn,
      );
      expect(result).toBeNull();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(warn.mock.calls[0]![0]).toContain("no data from");
    } finally {
      await mirror.close();
    }
  });
});

describe("embeddingSettingsFromEnv", () => {
  it("has defaults", () => {
    expect(embeddingSettingsFromEnv({})).toEqual({
      modelId: "Xenova/all-MiniLM-L6-v2",
      modelDir: path.resolve("models"),
      allowRemote: true,
      downloadTimeoutMs: 20000,
    });
  });

  it("reads the variables, treating empty values as unset", () => {
    const read = embeddingSettingsFromEnv({
      EMBEDDING_MODEL: "Xenova/bge-small-en-v1.5",
      MODEL_DIR: "/srv/models",
      ALLOW_REMOTE_MODELS: "No",
      MODEL_DOWNLOAD_TIMEOUT_MS: "5000",
      MODEL_REMOTE_HOST: "https://mirror.example/hf",
    });
    expect(read).toEqual({
      modelId: "Xenova/bge-small-en-v1.5",
      modelDir: "/srv/models",
      allowRemote: false,
      downloadTimeoutMs: 5000,
      remoteHost: "https://mirror.example/hf/",
    });
    expect(embeddingSettingsFromEnv({ ALLOW_REMOTE_MODELS: "0" }).allowRemote).toBe(false);
    expect(embeddingSettingsFromEnv({ ALLOW_REMOTE_MODELS: "false" }).allowRemote).toBe(false);
    expect(embeddingSettingsFromEnv({ ALLOW_REMOTE_MODELS: "1", MODEL_DIR: "" }).modelDir).toBe(path.resolve("models"));
  });

  it("rejects a bad MODEL_DOWNLOAD_TIMEOUT_MS with a one-line message naming it", () => {
    for (const bad of ["soon", "-5", "0", "1.5"]) {
      expect(() => embeddingSettingsFromEnv({ MODEL_DOWNLOAD_TIMEOUT_MS: bad })).toThrow(
        new RegExp(`^MODEL_DOWNLOAD_TIMEOUT_MS .*"${bad.replace(".", "\\.")}"$`),
      );
    }
    expect(() => embeddingSettingsFromEnv({ ALLOW_REMOTE_MODELS: "maybe" })).toThrow(/^ALLOW_REMOTE_MODELS/);
    expect(() => embeddingSettingsFromEnv({ MODEL_REMOTE_HOST: "ftp://x" })).toThrow(/^MODEL_REMOTE_HOST/);
  });
});

describe("prefixesFor", () => {
  it("marks e5 queries and passages, bge queries, and nothing for MiniLM", () => {
    expect(prefixesFor("Xenova/multilingual-e5-small")).toEqual({ query: "query: ", passage: "passage: " });
    expect(prefixesFor("Xenova/bge-small-en-v1.5").passage).toBe("");
    expect(prefixesFor("Xenova/bge-small-en-v1.5").query).toMatch(/^Represent this sentence/);
    expect(prefixesFor("Xenova/all-MiniLM-L6-v2")).toEqual({ query: "", passage: "" });
  });
});

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Serves `<root>/<model id>/<file>` at the Hugging Face path `/<model id>/resolve/main/<file>`. */
async function serveModelFiles(root: string, options: { stallAfterBytes?: number } = {}) {
  const server = http.createServer(async (request, response) => {
    const match = /^\/(.+)\/resolve\/main\/(.+)$/.exec(request.url ?? "");
    const body = match ? await readFile(path.join(root, match[1]!, match[2]!)).catch(() => null) : null;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { "content-length": body.length });
    if (options.stallAfterBytes !== undefined && match![2]!.endsWith(".onnx")) {
      response.write(body.subarray(0, options.stallAfterBytes)); // and never finish
    } else {
      response.end(body);
    }
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
