// A tiny DOCX writer for fixtures and benchmarks: paragraphs of runs (bold or not), optional heading styles.
// A DOCX is a ZIP of XML parts; this writes the four a reader needs and nothing else.
import { deflateRawSync } from "node:zlib";
import { writeZip } from "../../src/transcript/readers/zip.js";

export interface DocxRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A footnote on this run: its text, written to word/footnotes.xml and referenced after the run. */
  footnote?: string;
}

export interface DocxParagraph {
  runs: (string | DocxRun)[];
  /** A paragraph style: "Title", "Heading1", "Heading2"… */
  style?: string;
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function run(entry: string | DocxRun, footnotes: string[]): string {
  const r: DocxRun = typeof entry === "string" ? { text: entry } : entry;
  const props = r.bold || r.italic ? `<w:rPr>${r.bold ? "<w:b/>" : ""}${r.italic ? "<w:i/>" : ""}</w:rPr>` : "";
  const note = r.footnote === undefined ? "" : `<w:r><w:footnoteReference w:id="${footnotes.push(r.footnote)}"/></w:r>`;
  return `<w:r>${props}<w:t xml:space="preserve">${xml(r.text)}</w:t></w:r>${note}`;
}

/** The document.xml body of `paragraphs`; footnote texts are pushed to `footnotes` (ids from 1). */
export function documentXml(paragraphs: readonly DocxParagraph[], footnotes: string[] = []): string {
  const body = paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ""}${p.runs.map((r) => run(r, footnotes)).join("")}</w:p>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${[
  ["Title", "Title"],
  ["Heading1", "heading 1"],
  ["Heading2", "heading 2"],
]
  .map(([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`)
  .join("")}</w:styles>`;

/** The bytes of a DOCX holding `paragraphs`; `documentXmlOverride` replaces the document part (fuzzing, bombs). */
export function makeDocx(paragraphs: readonly DocxParagraph[], options: { documentXmlOverride?: Buffer; compress?: boolean } = {}): Buffer {
  const footnotes: string[] = [];
  const document = options.documentXmlOverride ?? Buffer.from(documentXml(paragraphs, footnotes));
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const notesRel = footnotes.length
    ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    : "";
  const entries = [
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    },
    {
      name: "word/_rels/document.xml.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${notesRel}</Relationships>`,
      ),
    },
    { name: "word/styles.xml", data: Buffer.from(STYLES) },
    { name: "word/document.xml", data: document },
  ];
  if (footnotes.length) {
    const notes = footnotes.map((text, i) => `<w:footnote w:id="${i + 1}"><w:p><w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r></w:p></w:footnote>`).join("");
    entries.push({ name: "word/footnotes.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes ${W}>${notes}</w:footnotes>`) });
  }
  return writeZip(entries, options.compress === false ? undefined : (data) => deflateRawSync(data));
}
