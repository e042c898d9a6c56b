// Reading a corpus folder: every transcript that parses, and one warning line for each that does not (and for
// each file of a format briefbot does not read).
//
// The corpus folder is untrusted input: only regular files inside it (and its subfolders) are read. A symbolic
// link to a file is followed only when its target stays inside the folder (unless the setting allows outside
// targets); a link to a folder only when its target lies outside and the setting allows it (inside, the folder is
// read where it is), and no folder is read twice; FIFOs, devices and sockets with a transcript's name are
// reported, never opened (opening a FIFO blocks until someone writes to it); every read is bounded by a size cap,
// so a link to /dev/zero or a runaway file cannot exhaust memory.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { extname, isAbsolute, join, relative } from "node:path";
import { cleanText } from "../text/clean.js";
import type { Transcript } from "../types.js";
import { corpusHashes, isTranscriptFile, sidecarFiles, sidecarOf, transcriptHash } from "./corpus-files.js";
import { decodeTranscript } from "./decode.js";
import { distinctTitles } from "./distinct.js";
import { frontMatterWarnings } from "./front-matter.js";
import { assembleTranscript, contentHash, parseTranscript, TranscriptError } from "./parse.js";
import { readBinary } from "./readers/binary.js";
import { DEFAULT_EXTRACT_TIMEOUT_MS, Extractor } from "./readers/extract.js";
import { isSidecarName, readerFor, TRANSCRIPT_EXTENSIONS } from "./readers/index.js";
import { parseSidecar, SidecarError, type Sidecar } from "./readers/sidecar.js";
import { DEFAULT_CORPUS_READ, type CorpusReadOptions } from "./read-options.js";

export { DEFAULT_CORPUS_READ, DEFAULT_MAX_TRANSCRIPT_MB, type CorpusReadOptions } from "./read-options.js";

export { corpusHashes, TRANSCRIPT_EXTENSIONS };

export class CorpusError extends Error {
  override name = "CorpusError";
}

/** A transcript file as read: its bytes, or why it was not read (a phrase for the warning line). */
export interface CorpusFile {
  name: string;
  path: string;
  bytes: Buffer | null;
  readError: string | null;
  /** A file of a format briefbot does not read: warned about once, never opened. */
  unsupported?: boolean;
}

/**
 * Read every transcript file in `dir` and its subfolders without parsing it, sorted by id: the path inside the
 * corpus folder with "/" between folders ("2021/briefing.txt"). Folders are walked with the same care as files:
 * hidden folders (".git") are passed over; a symbolic link to a folder is followed only when its target lies
 * outside the corpus folder and the setting allows outside targets (a target inside is read where it is); a folder
 * reached twice (a link cycle) is read once; the walk stops MAX_DEPTH folders down.
 */
export function readCorpus(dir: string, options: CorpusReadOptions = DEFAULT_CORPUS_READ): CorpusFile[] {
  let realDir: string;
  let entries: Dirent[];
  try {
    realDir = realpathSync(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new CorpusError(`corpus folder ${dir} cannot be read: create it or pass --corpus DIR`);
  }
  const files: CorpusFile[] = [];
  const visited = new Set<string>([realDir]);
  walk(dir, realDir, "", entries, 0, visited, files, options);
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Folders below the corpus folder that are read; deeper ones are reported, not read. */
export const MAX_DEPTH = 16;

function isTranscriptName(name: string): boolean {
  // Everything with a transcript's name is looked at, so a FIFO or bad link named *.txt gets a warning.
  return TRANSCRIPT_EXTENSIONS.includes(extname(name).toLowerCase()) && name.toLowerCase() !== "readme.md";
}

/** Every other file (but dotfiles and a README.md) gets a warning saying briefbot does not read it. */
function isUnsupportedName(name: string): boolean {
  return !isTranscriptName(name) && !name.startsWith(".") && name.toLowerCase() !== "readme.md";
}

/** A file no reader knows (an image, a .doc): a warning, never a read. */
function unsupportedFile(dir: string, id: string): CorpusFile {
  const ext = extname(id).toLowerCase();
  const what = ext ? `${ext} files` : "files without an extension";
  return { name: id, path: join(dir, id), bytes: null, readError: `briefbot does not read ${what} (it reads ${TRANSCRIPT_EXTENSIONS.join(", ")})`, unsupported: true };
}

function walk(
  dir: string,
  realDir: string,
  prefix: string,
  entries: readonly Dirent[],
  depth: number,
  visited: Set<string>,
  files: CorpusFile[],
  options: CorpusReadOptions,
): void {
  const skip = (name: string, readError: string) => files.push({ name, path: join(dir, name), bytes: null, readError });
  for (const entry of entries) {
    const id = prefix + entry.name;
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      const folder = subfolder(dir, realDir, id, entry, options);
      if (folder === null) {
        if (isTranscriptName(entry.name)) files.push(readCorpusFile(dir, realDir, id, options));
        else if (isUnsupportedName(entry.name)) files.push(unsupportedFile(dir, id));
        continue;
      }
      if ("skip" in folder) {
        if (folder.skip) skip(id, folder.skip);
        continue;
      }
      if (visited.has(folder.real)) continue; // a link cycle, or a folder already read
      if (depth + 1 > MAX_DEPTH) {
        skip(id, `it is a folder more than ${MAX_DEPTH} levels down, which is not read`);
        continue;
      }
      visited.add(folder.real);
      let inner: Dirent[];
      try {
        inner = readdirSync(join(dir, id), { withFileTypes: true });
      } catch (error) {
        skip(id, `cannot read the folder (${errorCode(error)})`);
        continue;
      }
      walk(dir, realDir, `${id}/`, inner, depth + 1, visited, files, options);
    } else if (isTranscriptName(entry.name)) {
      files.push(readCorpusFile(dir, realDir, id, options));
    } else if (isUnsupportedName(entry.name)) {
      files.push(unsupportedFile(dir, id));
    }
  }
}

/**
 * What to do with a folder entry (or a link): null when it is not a folder (a file, a link to a file, a dangling
 * link: read as a file), `{real}` to walk it, `{skip}` to pass it over with a warning (or silently when the
 * reason is empty: hidden folders, links to folders already inside the corpus).
 */
function subfolder(dir: string, realDir: string, id: string, entry: Dirent, options: CorpusReadOptions): { real: string } | { skip: string } | null {
  const path = join(dir, id);
  let real: string;
  try {
    if (entry.isSymbolicLink() && !statSync(path).isDirectory()) return null;
    real = realpathSync(path);
  } catch {
    return null; // dangling or unreadable: readCorpusFile reports it when it has a transcript's name
  }
  if (entry.name.startsWith(".")) return { skip: "" };
  const inside = isInside(realDir, real);
  if (entry.isSymbolicLink()) {
    // A target inside the folder is read where it is; following the link would read it twice.
    if (inside || real === realDir || isInside(real, realDir)) return { skip: "" };
    if (!options.allowExternalLinks) {
      return { skip: `it is a symbolic link to the folder ${real}, outside the corpus folder (set CORPUS_FOLLOW_EXTERNAL_LINKS=true to read such links)` };
    }
    return { real };
  }
  // A plain folder whose real path leaves the corpus folder was reached through a followed link: allowed then.
  return inside || options.allowExternalLinks ? { real } : { skip: `it moved outside the corpus folder while being read` };
}

function readCorpusFile(dir: string, realDir: string, name: string, options: CorpusReadOptions): CorpusFile {
  const path = join(dir, name);
  const skip = (readError: string): CorpusFile => ({ name, path, bytes: null, readError });
  let target = path;
  let info: Stats;
  try {
    info = lstatSync(path);
    if (info.isSymbolicLink()) {
      try {
        target = realpathSync(path);
      } catch {
        return skip("it is a symbolic link to nothing (its target does not exist)");
      }
      if (!options.allowExternalLinks && !isInside(realDir, target)) {
        return skip(`it is a symbolic link to ${target}, outside the corpus folder (set CORPUS_FOLLOW_EXTERNAL_LINKS=true to read such links)`);
      }
      info = statSync(target);
    }
  } catch (error) {
    return skip(`cannot read it (${errorCode(error)})`);
  }
  if (!info.isFile()) return skip(`it is ${kindOf(info)}, not a regular file`);
  if (info.size > options.maxFileBytes) return skip(tooLarge(info.size, options.maxFileBytes));
  try {
    const bytes = readBounded(target, info, options.maxFileBytes);
    return bytes ? { name, path, bytes, readError: null } : skip(tooLarge(null, options.maxFileBytes));
  } catch (error) {
    return skip(error instanceof NotRegularError ? error.message : `cannot read it (${errorCode(error)})`);
  }
}

class NotRegularError extends Error {
  override name = "NotRegularError";
}

/**
 * The file's bytes, or null when it holds more than `max`. Opened without following a link and without
 * blocking, then checked to be the regular file that was stat'ed: a file swapped for a FIFO or a link in the
 * meantime is refused instead of hanging or escaping the folder.
 */
function readBounded(path: string, expected: Stats, max: number): Buffer | null {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== expected.ino || opened.dev !== expected.dev) {
      throw new NotRegularError("it changed while being read (it is no longer the regular file it was)");
    }
    let buffer = Buffer.allocUnsafe(Math.min(opened.size, max) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > max) return null;
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > max ? null : buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function isInside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "not a regular file";
}

function tooLarge(size: number | null, max: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 3 : 1).replace(/\.?0+$/, "")} MB`;
  return `it is ${size === null ? "larger than" : mb(size) + ", over"} the ${mb(max)} limit (raise MAX_TRANSCRIPT_MB to read it)`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error).split("\n")[0]!;
}

/**
 * Every file that parses; the others are skipped with `warn` (one line each, naming the file). PDF and DOCX are
 * extracted in a worker thread with a time budget (`readerTimeoutMs`) and size caps (`maxFileBytes` on what they
 * inflate to and on their text); whatever goes wrong with one file, the rest of the corpus still indexes.
 */
export async function parseCorpus(files: readonly CorpusFile[], warn: (line: string) => void, options: CorpusReadOptions = DEFAULT_CORPUS_READ): Promise<Transcript[]> {
  const transcripts: Transcript[] = [];
  const sidecars = sidecarFiles(files);
  // The sidecars some transcript of the corpus has: any other is named in a warning.
  const claimed = new Set(files.filter(isTranscriptFile).flatMap((f) => sidecarOf(f.name, sidecars) ?? []));
  let extractor: Extractor | null = null;
  try {
    for (const file of files) {
      if (isSidecarName(file.name)) {
        if (!file.bytes) warn(`warning: skipped ${file.path}: ${file.readError}`);
        else if (!claimed.has(file)) warn(`warning: ${file.path} names speakers, but no transcript of that name is in the corpus`);
        continue;
      }
      if (!file.bytes) {
        warn(`warning: skipped ${file.path}: ${file.readError}`);
        continue;
      }
      const problem = (text: string) => warn(`warning: ${file.path}: ${text}`);
      try {
        const sidecarFile = sidecarOf(file.name, sidecars);
        const sidecar = sidecarFile?.bytes ? readSidecar(sidecarFile, warn) : null;
        const hash = transcriptHash(file.bytes, sidecarFile?.bytes ?? null);
        const reader = readerFor(file.name);
        if (reader?.kind === "binary") {
          extractor ??= new Extractor({ timeoutMs: options.readerTimeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS });
          const layout = await readBinary(file.name, reader.format, file.bytes, extractor, { maxBytes: options.maxFileBytes });
          // Lines stay lines (cleanText keeps newlines): the PDF's line pages still match.
          layout.body = cleanText(layout.body);
          transcripts.push(cleanTranscript(assembleTranscript(file.name, layout, { front: {}, hash, sidecar })));
        } else {
          transcripts.push({ ...readTranscript(file.name, file.bytes, problem, sidecar), hash });
        }
      } catch (error) {
        const reason = error instanceof TranscriptError ? error.message.replace(`${file.name}: `, "") : `cannot parse it (${String(error)})`;
        warn(`warning: skipped ${file.path}: ${reason.split("\n")[0]}`);
      }
    }
  } finally {
    await extractor?.close();
  }
  return distinctTitles(transcripts);
}

/** A sidecar's names and meta; a broken sidecar is reported and ignored (its transcript is read without it). */
function readSidecar(file: CorpusFile, warn: (line: string) => void): Sidecar | null {
  try {
    return parseSidecar(cleanText(decodeTranscript(file.bytes!).text));
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    warn(`warning: ignored ${file.path}: ${error.message}`);
    return null;
  }
}

/**
 * One transcript file's bytes → Transcript: decoded (reporting a guessed encoding), cleaned of terminal controls
 * (so "\e[31mflamingo" is indexed and quoted as "flamingo"), parsed. The hash stays the hash of the bytes. For the
 * text formats (PDF and DOCX go through parseCorpus).
 */
export function readTranscript(fileName: string, bytes: Buffer, problem: (text: string) => void = () => {}, sidecar: Sidecar | null = null): Transcript {
  const decoded = decodeTranscript(bytes);
  if (decoded.guess) problem(decoded.guess);
  const text = cleanText(decoded.text);
  for (const warning of frontMatterWarnings(text)) problem(`front matter: ${warning}`);
  // JSON may spell control characters as \u001b escapes, which only parsing reveals: clean the result too.
  return { ...cleanTranscript(parseTranscript(fileName, text, { sidecar })), hash: contentHash(bytes) };
}

function cleanTranscript(t: Transcript): Transcript {
  const clean = (s: string | null) => (s === null ? null : cleanText(s));
  const meta = { ...t.meta, title: cleanText(t.meta.title), date: clean(t.meta.date), source: clean(t.meta.source), url: clean(t.meta.url), language: clean(t.meta.language) };
  if (meta.video !== undefined) meta.video = cleanText(meta.video);
  return {
    ...t,
    meta,
    announcement: cleanText(t.announcement),
    roster: t.roster.map((r) => ({ name: cleanText(r.name), role: cleanText(r.role) })),
    turns: t.turns.map((turn) => {
      const text = cleanText(turn.text);
      // Marks are offsets into the text: text the cleaning changed keeps none rather than wrong ones.
      const { marks, ...rest } = turn;
      const kept = marks && text === turn.text ? { marks } : {};
      return { ...rest, speaker: cleanText(turn.speaker), label: cleanText(turn.label), name: cleanText(turn.name), role: clean(turn.role), text, ...kept };
    }),
  };
}

/**
 * Parse every transcript in `dir` and its subfolders (sorted by id). Unreadable or empty files are skipped with `warn`. A folder that
 * cannot be read throws a CorpusError at once (not through the promise).
 */
export function loadCorpus(dir: string, warn: (line: string) => void, options: CorpusReadOptions = DEFAULT_CORPUS_READ): Promise<Transcript[]> {
  return parseCorpus(readCorpus(dir, options), warn, options);
}
