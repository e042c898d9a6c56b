// A tiny PDF writer for fixtures and benchmarks: pages of text lines in Helvetica (a standard font every reader
// knows, so no font file is embedded), with a real text layer. Enough to test reading PDFs without shipping any.
import { deflateSync } from "node:zlib";

export interface PdfLine {
  text: string;
  /** Distance from the page's left edge in points (default 72). */
  x?: number;
  /** Extra space above this line, in lines (a blank line between paragraphs is 1). */
  gapBefore?: number;
}

export interface PdfPage {
  lines: (string | PdfLine)[];
  /** Lines drawn at the top and bottom margins (running heads, page numbers). */
  header?: string;
  footer?: string;
  /** Draw a filled rectangle instead of text (a "scanned" page without a text layer). */
  imageOnly?: boolean;
  /** Raw content-stream operators added after the text (tests: a comment that inflates to megabytes). */
  extraContent?: string;
}

export interface PdfOptions {
  /** Compress content streams with FlateDecode (as most producers do). Default true. "twice": two FlateDecode filters. */
  compress?: boolean | "twice";
  fontSize?: number;
  title?: string;
}

// WinAnsiEncoding for the characters a transcript uses beyond Latin-1.
const WIN_ANSI: Record<string, number> = { "—": 0x97, "–": 0x96, "“": 0x93, "”": 0x94, "‘": 0x91, "’": 0x92, "…": 0x85, "€": 0x80 };

function pdfString(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = WIN_ANSI[ch] ?? ch.codePointAt(0)!;
    const byte = code <= 0xff ? code : 0x3f; // "?" for what WinAnsi cannot show
    const c = String.fromCharCode(byte);
    out += c === "(" || c === ")" || c === "\\" ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** The bytes of a PDF with one page per entry of `pages`. */
export function makePdf(pages: readonly PdfPage[], options: PdfOptions = {}): Buffer {
  const size = options.fontSize ?? 11;
  const leading = Math.round(size * 1.3);
  const compress = options.compress ?? true;
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length; // object number
  };
  const catalog = add(""); // filled in below
  const pageTree = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const info = options.title ? add(`<< /Title ${pdfString(options.title)} /Producer (briefbot test writer) >>`) : null;
  const kids: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    if (page.imageOnly) {
      ops.push("0.5 g 72 300 450 400 re f");
    } else {
      ops.push("BT", `/F1 ${size} Tf`);
      let y = 720;
      for (const entry of page.lines) {
        const line = typeof entry === "string" ? { text: entry } : entry;
        y -= leading * (1 + (line.gapBefore ?? 0));
        ops.push(`1 0 0 1 ${line.x ?? 72} ${y} Tm ${pdfString(line.text)} Tj`);
      }
      if (page.header) ops.push(`1 0 0 1 72 760 Tm ${pdfString(page.header)} Tj`);
      if (page.footer) ops.push(`1 0 0 1 290 40 Tm ${pdfString(page.footer)} Tj`);
      ops.push("ET");
    }
    if (page.extraContent) ops.push(page.extraContent);
    const raw = Buffer.from(ops.join("\n"), "latin1");
    const data = compress === "twice" ? deflateSync(deflateSync(raw)) : compress ? deflateSync(raw) : raw;
    const filter = compress === "twice" ? " /Filter [/FlateDecode /FlateDecode]" : compress ? " /Filter /FlateDecode" : "";
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${data.length}${filter} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]));
    kids.push(add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;

  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n", "latin1")]);
    chunks.push(bytes);
    offset += bytes.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ""} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, "latin1"));
  return Buffer.concat(chunks);
}
