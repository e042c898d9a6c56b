// PDF and DOCX: checked for bombs on the main thread (bounded inflation), extracted in the worker (extract.ts),
// then laid out as text (pdf.ts, html.ts) for the shared parser.
import { TranscriptError } from "../errors.js";
import { ExtractError, type Extractor } from "./extract.js";
import { readHtml } from "./html.js";
import type { TextLayout } from "./index.js";
import { checkPdfStreams, pdfLayout } from "./pdf.js";
import { readZip, writeZip, ZipError } from "./zip.js";

export interface BinaryLimits {
  /** Most bytes the file's compressed parts may inflate to, and most characters of text it may give. */
  maxBytes: number;
}

export async function readBinary(fileName: string, format: "pdf" | "docx", bytes: Buffer, extractor: Extractor, limits: BinaryLimits): Promise<TextLayout> {
  try {
    if (format === "pdf") {
      checkPdfStreams(fileName, bytes, limits.maxBytes);
      return pdfLayout(fileName, await extractor.extract("pdf", bytes, limits.maxBytes));
    }
    let entries;
    try {
      entries = readZip(bytes, limits.maxBytes);
    } catch (error) {
      if (error instanceof ZipError) throw new TranscriptError(`${fileName}: ${error.message}`);
      throw error;
    }
    if (!entries.some((e) => e.name === "word/document.xml")) throw new TranscriptError(`${fileName}: it is a ZIP archive but not a Word document (no word/document.xml)`);
    // The converter gets exactly the bytes that were measured, stored: nothing left for it to inflate.
    const { html } = await extractor.extract("docx", writeZip(entries), limits.maxBytes);
    const layout = readHtml(html, { wholeDocument: true });
    if (layout.body.length > limits.maxBytes) throw new TranscriptError(`${fileName}: its text is larger than the limit (raise MAX_TRANSCRIPT_MB to read it)`);
    return layout;
  } catch (error) {
    if (error instanceof ExtractError) throw new TranscriptError(`${fileName}: ${error.message}`);
    throw error;
  }
}
