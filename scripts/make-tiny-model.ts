/**
 * Writes a tiny feature-extraction model in the transformers.js layout, so tests can run the
 * real transformers.js + onnxruntime-node path without downloading anything.
 *
 *   node dist/scripts/make-tiny-model.js --out DIR   → DIR/briefbot/tiny-embedder/...   (npm run model:tiny: DIR = models)
 *
 * The "model" is one ONNX Gather from a seeded random embedding table: each token maps to a fixed
 * vector, so mean pooling yields a bag-of-words vector and texts sharing words get similar vectors.
 * Output is byte-for-byte deterministic.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import { runMain, UsageError } from "../src/run-main.js";
import { seededRandom } from "./seeded-random.js";

const { onnx } = onnxProto;

export const TINY_MODEL = {
  id: "briefbot/tiny-embedder",
  hiddenSize: 32,
  maxTokens: 128,
} as const;

const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

// Everything BertPreTokenizer splits off on its own (ASCII punctuation and symbols) plus the
// typographic marks transcripts are full of; they never occur as word continuations.
const PUNCTUATION = [
  ..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  ..."‘’“”–—…•·«»¿¡§¶",
];
// Symbols that are not Unicode punctuation stay glued to words ("€5"), so they need "##" forms.
const WORD_CHARS = [..."abcdefghijklmnopqrstuvwxyz0123456789", ..."€£¥°©®™"];

const COMMON_WORDS = `
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make
thing see him two has look more day could go come did number sound no most people my over know water
than call first who may down side been now find any new work part take get place made live where after
back little only round man year came show every good me give our under name very through just form
sentence great think say help low line differ turn cause much mean before move right boy old too same
tell does set three want air well also play small end put home read hand port large spell add even land
here must big high such follow act why ask men change went light kind off need house picture try us
again animal point mother world near build self earth father head stand own page should country found
answer school grow study still learn plant cover food sun four between state keep eye never last let
thought city tree cross farm hard start might story saw far sea draw left late run while press close
night real life few north open seem together next white children begin got walk example ease paper
group always music those both mark often letter until mile river car feet care second book carry took
science eat room friend began idea fish mountain stop once base hear horse cut sure watch color face
wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog
family direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole king space
heard best hour better true during hundred five remember step early hold west ground interest reach
fast verb sing listen six table travel less morning ten simple several vowel toward war lay against
pattern slow center love person money serve appear road map rain rule govern pull cold notice voice
unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field
rest correct able pound done beauty drive stood contain front teach week final gave green oh quick
develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply
nothing course stay wheel full force blue object decide surface deep moon island foot system busy test
record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate
hot miss brought heat snow tire bring yes distant fill east paint language among
government minister president briefing statement official officials spokesperson secretary
department ministry policy public security health economy budget report reports today yesterday
tomorrow weather forecast election vote law court police health vaccine meeting meet met talks
agreement foreign national international border trade tax taxes price prices energy climate
military defence defense ceasefire crisis support plans announced announce thank thanks journalists
reporters media news
`;

/** The vocabulary in id order: specials, characters and their continuations, then whole words. */
function buildVocab(): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS, ...PUNCTUATION, ...WORD_CHARS];
  vocab.push(...WORD_CHARS.map((c) => `##${c}`));
  const words = COMMON_WORDS.split(/\s+/).filter((w) => w.length > 1);
  vocab.push(...words);
  return [...new Set(vocab)];
}

function embeddingTable(vocabSize: number, hidden: number): Float32Array {
  const random = seededRandom(20240611);
  const table = new Float32Array(vocabSize * hidden);
  for (let i = 0; i < table.length; i++) table[i] = random() * 2 - 1;
  // Special tokens get near-zero rows: [CLS]/[SEP] are in every text and would otherwise pull all
  // vectors together; not exactly zero so an empty text still has a direction to normalise.
  for (let id = 0; id < SPECIAL_TOKENS.length; id++) {
    for (let j = 0; j < hidden; j++) table[id * hidden + j] *= 0.01;
  }
  return table;
}

function tensorInput(name: string, elemType: number, dims: (string | number)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function buildOnnxModel(vocabSize: number, hidden: number, copies: ReadonlyMap<number, number> = new Map()): Uint8Array {
  const table = embeddingTable(vocabSize, hidden);
  // An alias token shares its target's row: to the model, "水" and "water" are the same word.
  for (const [alias, target] of copies) table.copyWithin(alias * hidden, target * hidden, (target + 1) * hidden);
  const { INT64, FLOAT } = onnx.TensorProto.DataType;
  const model: OnnxTypes.IModelProto = {
    irVersion: 7,
    producerName: "briefbot make-tiny-model",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "tiny-embedder",
      initializer: [
        {
          name: "word_embeddings",
          dataType: FLOAT,
          dims: [vocabSize, hidden],
          // Float32Array is little-endian on every platform Node runs on, as ONNX raw_data requires.
          rawData: new Uint8Array(table.buffer),
        },
      ],
      node: [
        {
          opType: "Gather",
          name: "embed",
          input: ["word_embeddings", "input_ids"],
          output: ["last_hidden_state"],
          attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
      // attention_mask and token_type_ids are unused; they are declared so the graph has the
      // inputs a BERT export has (mean pooling applies the mask outside the model).
      input: [
        tensorInput("input_ids", INT64, ["batch", "sequence"]),
        tensorInput("attention_mask", INT64, ["batch", "sequence"]),
        tensorInput("token_type_ids", INT64, ["batch", "sequence"]),
      ],
      output: [tensorInput("last_hidden_state", FLOAT, ["batch", "sequence", hidden])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function tokenizerJson(vocab: string[]): object {
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [ids.get(token)], tokens: [token] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids.get(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(ids),
    },
  };
}

export interface TinyModelOptions {
  /** The model's id, i.e. its folder below outDir (default TINY_MODEL.id). An id naming a real model family
   * ("Xenova/multilingual-e5-small") makes briefbot treat it as one: its prefixes, multilingual or not. */
  id?: string;
  /**
   * Tokens that mean what a vocabulary word means: each gets that word's vector, so a text in another language made of
   * them embeds like its English words ({"水": "water"}: a stand-in for a multilingual model's shared space).
   * Chinese characters are tokens of their own (the BERT normaliser splits them), so one character per alias.
   */
  aliases?: Record<string, string>;
  /** Vector size (default TINY_MODEL.hiddenSize): wider random vectors overlap less by chance. */
  hiddenSize?: number;
}

/** Writes the model under `outDir` and returns its id (the path below `outDir`). */
export async function makeTinyModel(outDir: string, options: TinyModelOptions = {}): Promise<string> {
  const id = options.id ?? TINY_MODEL.id;
  const hidden = options.hiddenSize ?? TINY_MODEL.hiddenSize;
  const vocab = buildVocab();
  const copies = new Map<number, number>();
  for (const [alias, word] of Object.entries(options.aliases ?? {})) {
    const target = vocab.indexOf(word);
    if (target < 0) throw new Error(`tiny model alias ${alias}: "${word}" is not in the vocabulary`);
    if (vocab.includes(alias)) throw new Error(`tiny model alias ${alias} is already a token`);
    copies.set(vocab.length, target);
    vocab.push(alias);
  }
  const dir = path.join(outDir, ...id.split("/"));
  await mkdir(path.join(dir, "onnx"), { recursive: true });

  const config = {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: hidden,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: hidden,
    max_position_embeddings: TINY_MODEL.maxTokens,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: TINY_MODEL.maxTokens,
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    mask_token: "[MASK]",
    clean_up_tokenization_spaces: true,
  };
  const json = (value: object) => JSON.stringify(value, null, 2) + "\n";
  await writeFile(path.join(dir, "config.json"), json(config));
  await writeFile(path.join(dir, "tokenizer.json"), json(tokenizerJson(vocab)));
  await writeFile(path.join(dir, "tokenizer_config.json"), json(tokenizerConfig));
  await writeFile(
    path.join(dir, "onnx", "model_quantized.onnx"),
    buildOnnxModel(vocab.length, hidden, copies),
  );
  return id;
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  runMain(
    async () => {
      const { values } = parseArgs({ options: { out: { type: "string" } } });
      if (!values.out) throw new UsageError("no --out DIR given");
      const outDir = path.resolve(values.out);
      const id = await makeTinyModel(outDir);
      console.log(`wrote ${id} to ${path.join(outDir, id)}`);
    },
    { prefix: "make-tiny-model", usage: "usage: npm run model:tiny (or node dist/scripts/make-tiny-model.js --out DIR)" },
  );
}
