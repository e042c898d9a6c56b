/**
 * `npm run model:fetch`: downloads the configured embedding model (EMBEDDING_MODEL, MODEL_DIR,
 * MODEL_REMOTE_HOST from the environment or .env) into MODEL_DIR, through the same loader the
 * bot uses, so a successful fetch means the bot will find and run the model offline.
 */
import "dotenv/config";
import { embeddingSettingsFromEnv, modelFolder, openEmbedder } from "../src/embedding/embedder.js";
import { runMain } from "../src/run-main.js";

async function main(): Promise<void> {
  const settings = { ...embeddingSettingsFromEnv(), allowRemote: true };
  const folder = modelFolder(settings);
  let embedder;
  try {
    embedder = await openEmbedder(settings);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
    throw new Error(
      `could not fetch ${settings.modelId}: ${reason}. Check network access to the model host ` +
        `(or set MODEL_REMOTE_HOST to a mirror); if ${folder} holds damaged files, delete it and retry.`,
    );
  }
  console.log(`${embedder.modelId} is ready in ${folder} (${embedder.dimensions} dimensions, up to ${embedder.maxTokens} tokens per passage)`);
}

// Exit when done: a failed download may leave requests of the model library in flight.
runMain(main, { prefix: "model:fetch", exit: true });
