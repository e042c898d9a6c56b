// `npm run index -- [--corpus DIR] [--index DIR] [--force] [--lexical]`: build or refresh the index.
import { parseArgs } from "node:util";
import { buildIndex, describeChanges } from "../index/build.js";
import { EXIT_OK, runMain } from "../run-main.js";
import { commonSettings, loadModel, warn } from "./common.js";

const USAGE = "usage: npm run index -- [--corpus DIR] [--index DIR] [--force] [--lexical]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      index: { type: "string" },
      force: { type: "boolean", default: false },
      lexical: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const settings = commonSettings(values);
  const embedder = await loadModel(settings);
  // A progress bar only where someone watches (and its library loaded only then); logs and pipes get the summary line alone.
  const cliProgress = process.stderr.isTTY ? (await import("cli-progress")).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar({ format: "embedding {bar} {value}/{total} passages", stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  const summary = await buildIndex({
    corpusDir: settings.corpusDir,
    indexDir: settings.indexDir,
    embedder,
    force: values.force,
    corpusReading: settings.corpusReading,
    warn,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, done);
      started = true;
      bar.update(done);
    },
  });
  if (started) bar?.stop();
  const mode = embedder ? `model ${embedder.modelId}` : "lexical only (no vectors)";
  console.log(
    summary.upToDate
      ? `index is up to date: ${summary.transcripts} transcripts, ${summary.passages} passages (${mode}), checked in ${summary.seconds.toFixed(2)} s`
      : `indexed ${summary.transcripts} transcripts, ${summary.passages} passages: ${summary.embedded} embedded, ${summary.reused} reused (${mode}) in ${summary.seconds.toFixed(2)} s → ${settings.indexDir}` +
          (summary.changes ? `; ${describeChanges(summary.changes)}` : ""),
  );
  return EXIT_OK;
}

runMain(main, { prefix: "error" });
