// What the YAML library would say about a transcript's front matter (an unknown tag, say), as one line each.
// Left to itself, `yaml` prints such warnings through process.emitWarning over several lines, with a code
// excerpt and without the file's name; the loader prints these lines instead, naming the file.
import { parseDocument } from "yaml";

// The same block parse.ts reads: "---" on the first line, up to the next "---" line.
const FRONT_MATTER = /^---[ ]*\n([\s\S]*?)\n---[ ]*(?:\n|$)/;

/** One line per warning about the front matter of `text` (errors are parse.ts's to report). */
export function frontMatterWarnings(text: string): string[] {
  const block = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""))?.[1];
  if (block === undefined) return [];
  try {
    return parseDocument(block, { logLevel: "silent" }).warnings.map((w) => firstLine(w.message));
  } catch {
    return [];
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
