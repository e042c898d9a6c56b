/**
 * `npm run model:fetch`: downloads the configured embedding model (EMBEDDING_MODEL, MODEL_DIR,
 * MODEL_REMOTE_HOST from the environment or .env) into MODEL_DIR, through the same loader the
 * bot uses, so a successful fetch means the bot will find and run the model offline.
 */
import "dotenv/config";
import { embeddingSettingsFromEnv, modelFolder, openEmbedder, type EmbeddingSettings } from "../src/embedding/embedder.js";

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();

let settings: EmbeddingSettings;
try {
  settings = { ...embeddingSettingsFromEnv(), allowRemote: true };
} catch (error) {
  console.error(`model:fetch failed: ${oneLine(error)}`);
  process.exit(1);
}

const folder = modelFolder(settings);
try {
  const embedder = await openEmbedder(settings);
  console.log(
    `${embedder.modelId} is ready in ${folder} (${embedder.dimensions} dimensions, up to ${embedder.maxTokens} tokens per passage)`,
  );
} catch (error) {
  console.error(
    `model:fetch failed for ${settings.modelId}: ${oneLine(error)}. Check network access to the model host ` +
      `(or set MODEL_REMOTE_HOST to a mirror); if ${folder} holds damaged files, delete it and retry.`,
  );
  process.exit(1);
}
