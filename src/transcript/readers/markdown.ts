// Markdown → HTML with markdown-it (CommonMark), then read as HTML (html.ts): bold labels ("**Xu Kemin:** …",
// "**Xu Kemin**: …", "__Xu Kemin:__ …"), "### Xu Kemin" headings before a turn's paragraphs, the first "# Heading" as
// the title. Emphasis, links, images, code marks and backslash escapes are markup, not words: the rendered text is
// what is quoted. A line break inside a paragraph stays a line break, as in a plain-text transcript.
import MarkdownIt from "markdown-it";
import { readHtml } from "./html.js";
import type { TextLayout } from "./index.js";

const markdown = new MarkdownIt({ html: true, breaks: true, linkify: false, typographer: false });

export function readMarkdown(body: string): TextLayout {
  return readHtml(markdown.render(body), { wholeDocument: true });
}
