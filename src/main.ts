// `npm start`: load the index (and model) once, then connect to Discord — or, without DISCORD_TOKEN, open the
// console chat with the same engine. Start-up problems are one line on stderr and exit code 1.
import "dotenv/config";
import { corpusAndIndexFromEnv } from "./config.js";
import { discordSettingsFromEnv } from "./discord/config.js";
import { downloadProgress } from "./embedding/download-progress.js";
import { embeddingSettingsFromEnv } from "./embedding/embedder.js";
import { openEngineModelAlongside } from "./engine-alongside.js";
import { createLogger, errorFields, scrubSecrets } from "./log.js";
import { runMain } from "./run-main.js";
import { cleanLine } from "./text/clean.js";

const CONNECT_HINT = "Discord is not connected: put DISCORD_TOKEN (and DISCORD_APP_ID) in .env and run `npm run deploy-commands` once, then `npm start` again.";

async function main(): Promise<void> {
  const settings = discordSettingsFromEnv();
  const embedding = embeddingSettingsFromEnv();
  const log = createLogger(settings.logLevel);
  const console_ = !settings.token;
  // In the console chat, notices are plain lines; for the bot they belong in the structured log.
  const warn = console_ ? (line: string) => process.stderr.write(`${cleanLine(line)}\n`) : (line: string) => log.warn(line);
  const info = console_ ? warn : (line: string) => log.info(line);

  // The model loads alongside (the chat prompt and the bot's login do not wait for it); its download, if any,
  // shows as lines on stderr for the chat and in the log for the bot.
  const progress = embedding && downloadProgress(embedding.modelId, { write: (text) => info(text.trimEnd()) });
  const engine = await openEngineModelAlongside({
    ...corpusAndIndexFromEnv(),
    embedding,
    warn,
    info,
    onDownload: progress ? (event) => progress.onDownload(event) : undefined,
    onModelReady: () => info(`The embedding model ${embedding?.modelId} is ready: answers now use hybrid (meaning + keyword) search.`),
  });
  void engine.modelSettled.then(() => progress?.finish(engine.mode === "hybrid"));

  // Each mode loads only its own front end: the console chat never loads discord.js.
  if (console_) {
    process.stderr.write(`${CONNECT_HINT}\n`);
    const { runChat } = await import("./cli/chat.js");
    await runChat({ engine, input: process.stdin, output: process.stdout, prompt: process.stdin.isTTY === true });
    engine.close();
    return;
  }

  let bot;
  try {
    const { startBot } = await import("./discord/bot.js");
    bot = await startBot({ engine, settings, log });
  } catch (error) {
    log.error({ event: "login", err: errorFields(error, [settings.token]) }, "could not connect to Discord");
    throw error;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: "signal", signal }, "shutting down");
    void bot.stop().finally(() => {
      engine.close();
      log.flush();
      process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  // A stray rejection must not take the bot down: log it and keep serving.
  process.on("unhandledRejection", (reason) => log.error({ event: "unhandledRejection", err: errorFields(reason, [settings.token]) }, "unhandled rejection"));
}

// The token is scrubbed from the error line, whichever setting it came from.
runMain(main, { prefix: "briefbot", scrub: (text) => scrubSecrets(text, [process.env.DISCORD_TOKEN?.trim() ?? null]) });
