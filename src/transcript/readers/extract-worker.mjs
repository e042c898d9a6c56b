// The worker thread that opens binary transcripts (PDF with pdfjs-dist, DOCX with mammoth). It runs apart from
// the build so that a file which makes a library loop, hang or exhaust its heap is stopped (terminated after the
// time budget, or killed by its resource limits) without taking the build down. It only extracts: the text is
// interpreted by the reader modules on the main thread (extract.ts, pdf.ts, docx.ts).
//
// Plain JavaScript on purpose: a worker thread is started by Node itself, outside the TypeScript loader of the
// process that starts it (tsx while developing, vitest in the tests). `npm run build` copies it to dist/, beside
// the compiled extract.js that starts it.
import { parentPort } from "node:worker_threads";

// pdfjs reports problems of a file through console.log; the build reports them itself, once, naming the file.
console.log = () => {};
console.warn = () => {};
console.info = () => {};

let pdfjs = null;
let mammoth = null;

class TooLarge extends Error {
  name = "TooLarge";
}

async function extractPdf(bytes, limits) {
  pdfjs ??= await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    if (error?.name === "PasswordException") throw new Error("it is password-protected");
    throw error;
  }
  try {
    let title = null;
    try {
      const info = (await doc.getMetadata())?.info;
      if (typeof info?.Title === "string") title = info.Title;
    } catch {
      // no metadata: the title comes from the text or the file name
    }
    const pages = [];
    let chars = 0;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      const items = [];
      for (const item of content.items) {
        if (typeof item.str !== "string") continue;
        chars += item.str.length;
        if (chars > limits.maxChars) throw new TooLarge("its text is larger than the limit (raise MAX_TRANSCRIPT_MB to read it)");
        // [text, x, y, width, height, ends a line]
        items.push([item.str, item.transform[4], item.transform[5], item.width || 0, item.height || Math.abs(item.transform[3]) || 0, !!item.hasEOL]);
      }
      pages.push(items);
      page.cleanup();
    }
    return { title, pages };
  } finally {
    await doc.destroy();
  }
}

async function extractDocx(bytes, limits) {
  mammoth ??= (await import("mammoth")).default;
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
      // Pictures are not words: none is converted (mammoth would inline each one as a data URI).
      convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      ignoreEmptyParagraphs: true,
    },
  );
  if (result.value.length > limits.maxChars * 4) throw new TooLarge("its text is larger than the limit (raise MAX_TRANSCRIPT_MB to read it)");
  return { html: result.value };
}

parentPort.on("message", async ({ id, kind, bytes, limits }) => {
  try {
    const result = kind === "pdf" ? await extractPdf(bytes, limits) : kind === "docx" ? await extractDocx(bytes, limits) : null;
    if (!result) throw new Error(`no extractor for ${kind}`);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ id, ok: false, error: message.split("\n")[0], tooLarge: error instanceof TooLarge });
  }
});
