// HTML → text in the plain-text layout, through a real HTML parser (parse5, the parser of the HTML standard).
//
// A saved briefing page is read for its main text: <main> or <article> when the page has one, else <body>.
// Scripts, styles, navigation, headers, footers, asides, forms and hidden elements are not words and are skipped.
// Block elements (<p>, <div>, <li>, headings …) are paragraphs, <br> breaks a line. A label in <strong>/<b> at the
// start of a paragraph or line ("<b>MS. PSAKI:</b> Good afternoon", "<strong>Xu Kemin</strong>: Thank you") starts a
// speaker's turn. The first <h1> is the title (else <title>); other headings are section titles: kept in the
// announcement before the first speaker, left out after (nobody said them), and they end the turn before them (the
// unlabelled paragraphs after "Related links" are the page's, not the last speaker's) — unless they name speakers,
// as "### Xu Kemin" does in Markdown. Markdown (markdown.ts) and DOCX (binary.ts) come here as HTML.
import { parse } from "parse5";
import { labelAlone, labelInline, looksLikeLabel } from "../labels.js";
import type { TextLayout } from "./index.js";

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node; // <template>
}

/** Elements whose content is never the briefing's words. */
const SKIP = new Set([
  "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select", "option",
  "textarea", "svg", "math", "canvas", "iframe", "object", "embed", "audio", "video", "img", "picture", "head", "title",
  "dialog", "menu", "figure",
]);
const SKIP_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"]);

/** Elements that begin and end a paragraph. */
const BLOCKS = new Set([
  "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
  "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "center", "body", "html", "details", "summary",
  "caption", "fieldset", "figcaption",
]);
const HEADING = /^h([1-6])$/;
const BOLD = new Set(["strong", "b"]);

/** A run of text and whether it is bold. */
interface Run {
  text: string;
  bold: boolean;
}

interface Block {
  /** 1–6 for a heading, 0 for any other block. */
  heading: number;
  lines: Run[][];
}

export interface HtmlOptions {
  /** Markdown rendered to HTML: the whole document is the text (no page furniture to look for). */
  wholeDocument?: boolean;
}

export function readHtml(html: string, options: HtmlOptions = {}): TextLayout {
  const document = parse(html) as unknown as Node;
  const title = textOf(find(document, (n) => n.tagName === "title"));
  const root = options.wholeDocument ? document : (find(document, (n) => n.tagName === "main" || attr(n, "role") === "main") ?? find(document, (n) => n.tagName === "article") ?? document);
  // The title is taken before page furniture is skipped: a page's <h1> often sits in its <header>.
  const h1 = find(root, (n) => n.tagName === "h1") ?? find(document, (n) => n.tagName === "h1");
  const blocks = collectBlocks(root, h1);
  const heading = textOf(h1) || title;
  return { ...layoutOf(blocks), ...(heading ? { meta: { title: heading } } : {}) };
}

/** Paragraphs in the plain-text layout; bold labels (and heading labels) alone on their first line. */
function layoutOf(blocks: readonly Block[]): Omit<TextLayout, "meta"> {
  // Split blocks at lines that open with a bold label ("<p><b>Q:</b> …<br><b>A:</b> …</p>").
  const paragraphs: { heading: number; label: string | null; lines: string[] }[] = [];
  for (const block of blocks) {
    let current: { heading: number; label: string | null; lines: string[] } | null = null;
    for (const runs of block.lines) {
      const line = runs.map((r) => r.text).join("").replace(/\s+/g, " ").trim();
      if (!line) continue;
      const bold = block.heading ? null : boldLabel(runs);
      if (bold || !current) {
        current = { heading: block.heading, label: bold?.label ?? null, lines: [] };
        paragraphs.push(current);
        if (bold) {
          if (bold.rest) current.lines.push(bold.rest);
          continue;
        }
      }
      current.lines.push(line);
    }
  }
  // Headings that name speakers: the heading level most label-like headings share, used at least twice, or a
  // heading text that recurs ("### Xu Kemin" … "### Xu Kemin").
  const headingLabels = new Map<number, number>();
  const headingTexts = new Map<string, number>();
  for (const p of paragraphs) {
    if (!p.heading) continue;
    const text = p.lines.join(" ");
    headingTexts.set(text, (headingTexts.get(text) ?? 0) + 1);
    if (looksLikeLabel(withoutColon(text))) headingLabels.set(p.heading, (headingLabels.get(p.heading) ?? 0) + 1);
  }
  const speakerLevel = [...headingLabels].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])[0]?.[0];
  const boldCounts = new Map<string, number>();
  for (const p of paragraphs) if (p.label) boldCounts.set(p.label, (boldCounts.get(p.label) ?? 0) + 1);

  const out: string[] = [];
  let spoken = false;
  // After a section title that names nobody, the turn before it is over: what follows is the page's, until a label.
  let closed = false;
  for (const p of paragraphs) {
    if (p.heading) {
      const text = p.lines.join(" ");
      const label = withoutColon(text);
      const names = looksLikeLabel(label) && (p.heading === speakerLevel || (headingTexts.get(text) ?? 0) >= 2);
      if (names) {
        out.push(`${label}:`);
        spoken = true;
        closed = false;
      } else if (!spoken) out.push(text); // a section title before anyone speaks belongs to the announcement
      else closed = true;
      continue;
    }
    if (p.label) {
      out.push([`${p.label}:`, ...p.lines].join("\n"));
      spoken = true;
      closed = false;
      continue;
    }
    const labelled = !!(labelAlone(p.lines[0]!) || labelInline(p.lines.join(" ")));
    if (labelled) {
      spoken = true;
      closed = false;
    } else if (closed) continue;
    out.push(p.lines.join("\n"));
  }
  const knownLabels = [...boldCounts].filter(([, n]) => n >= 2).map(([label]) => label);
  return { layout: "text", body: out.join("\n\n"), ...(knownLabels.length ? { knownLabels } : {}) };
}

function withoutColon(text: string): string {
  return text.replace(/\s*[:：]\s*$/, "").trim();
}

/**
 * A line that opens with bold text that is a label: "<b>MS. PSAKI:</b> text" or "<strong>Xu Kemin</strong>: text".
 * A bold phrase that is not written like a label (emphasis: "<b>Not</b> at all") is words.
 */
function boldLabel(runs: readonly Run[]): { label: string; rest: string } | null {
  const first = runs.findIndex((r) => r.text.trim());
  if (first < 0 || !runs[first]!.bold) return null;
  let bold = "";
  let i = first;
  for (; i < runs.length && (runs[i]!.bold || !runs[i]!.text.trim()); i++) bold += runs[i]!.text;
  let rest = runs.slice(i).map((r) => r.text).join("");
  bold = bold.replace(/\s+/g, " ").trim();
  let label: string;
  if (/[:：]$/.test(bold)) label = bold.slice(0, -1).trim();
  else if (/^\s*[:：]/.test(rest)) {
    label = bold;
    rest = rest.replace(/^\s*[:：]/, "");
  } else return null;
  if (!label || label.length > 160 || !looksLikeLabel(label)) return null;
  return { label, rest: rest.replace(/\s+/g, " ").trim() };
}

/** The blocks under `root` in document order, skipping what is not the briefing's words and the title heading. */
function collectBlocks(root: Node, titleHeading: Node | null): Block[] {
  const blocks: Block[] = [];
  let current: Block = { heading: 0, lines: [[]] };
  const flush = () => {
    if (current.lines.some((line) => line.some((r) => r.text.trim()))) blocks.push(current);
    current = { heading: 0, lines: [[]] };
  };
  // Iterative walk (a hostile page may nest thousands of elements): entries are nodes to enter, or the markers
  // that close a block or a bold run after its children.
  type Step = { node: Node; bold: number; pre: boolean } | { close: "block" };
  const stack: Step[] = [{ node: root, bold: 0, pre: false }];
  while (stack.length) {
    const step = stack.pop()!;
    if ("close" in step) {
      flush();
      continue;
    }
    const { node, bold, pre } = step;
    if (node.nodeName === "#text") {
      const text = pre ? (node.value ?? "") : (node.value ?? "").replace(/[ \t\n\r\f]+/g, " ");
      const lines = pre ? text.split("\n") : [text];
      lines.forEach((line, i) => {
        if (i > 0) current.lines.push([]);
        current.lines[current.lines.length - 1]!.push({ text: line, bold: bold > 0 });
      });
      continue;
    }
    const tag = node.tagName;
    if (!tag) {
      pushChildren(stack, node, bold, pre); // the document, a fragment
      continue;
    }
    if (node === titleHeading || SKIP.has(tag) || hidden(node)) continue;
    if (tag === "br") {
      current.lines.push([]);
      continue;
    }
    const heading = HEADING.exec(tag);
    if (BLOCKS.has(tag)) {
      flush();
      if (heading) current.heading = Number(heading[1]);
      stack.push({ close: "block" });
    }
    pushChildren(stack, node, bold + (BOLD.has(tag) ? 1 : 0), pre || tag === "pre");
  }
  flush();
  return blocks;
}

function pushChildren(stack: unknown[], node: Node, bold: number, pre: boolean): void {
  const children = node.childNodes ?? [];
  for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, bold, pre });
}

function hidden(node: Node): boolean {
  if (node.attrs?.some((a) => a.name === "hidden" || (a.name === "aria-hidden" && a.value === "true"))) return true;
  // Footnotes (mammoth writes a DOCX's as <li id="footnote-1"> after the text, marked by <a href="#footnote-1">):
  // a note on the text, not words anyone said.
  if (/^(?:foot|end)note-/.test(attr(node, "id") ?? "") && node.tagName === "li") return true;
  if (node.tagName === "a" && /^#(?:foot|end)note-/.test(attr(node, "href") ?? "")) return true;
  const role = attr(node, "role");
  if (role && SKIP_ROLES.has(role)) return true;
  const style = attr(node, "style");
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function attr(node: Node, name: string): string | null {
  return node.attrs?.find((a) => a.name === name)?.value ?? null;
}

/** The first node (depth first, document order) that matches, or null. Iterative. */
function find(root: Node, match: (node: Node) => boolean): Node | null {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (match(node)) return node;
    const children = node.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}

/** A node's text, whitespace collapsed ("" for null). */
function textOf(node: Node | null): string {
  if (!node) return "";
  const parts: string[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === "#text") parts.push(n.value ?? "");
    else if (n.tagName && (n.tagName === "script" || n.tagName === "style")) continue;
    const children = n.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}
