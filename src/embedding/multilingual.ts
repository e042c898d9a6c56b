// Which embedding models place a question and a passage in different languages near each other. An English-only
// model (the default all-MiniLM-L6-v2) cannot: a Chinese question against English briefings gets noise from it.

// Model families trained on many languages, as their ids on the model hub name them.
const MULTILINGUAL = [
  /multilingual/i, // multilingual-e5-*, paraphrase-multilingual-*, distiluse-base-multilingual-*, gte-multilingual-*
  /(^|[/_-])bge-m3([_-]|$)/i,
  /labse/i,
  /(^|[/_-])xlm/i,
  /(^|[/_-])m(?:e5|bert|t5)([_-]|$)/i,
  /jina-embeddings-v3/i,
  /nomic-embed-text-v2/i,
];

/** Whether the model (by its id) matches questions and passages across languages. */
export function isMultilingualModel(modelId: string): boolean {
  return MULTILINGUAL.some((pattern) => pattern.test(modelId));
}

/** The model the README and the language message suggest: small, quantized in transformers.js, 100 languages. */
export const SUGGESTED_MULTILINGUAL_MODEL = "Xenova/multilingual-e5-small";
