// Lines of a stream, as `ask --stdin` reads them: split on "\n" and "\r\n" only. (readline also splits on a lone
// "\r", which turns one question holding a stray carriage return into two answers.) Bounded: a line longer than
// the limit is reported as such without being kept in memory, so `ask --stdin < /dev/zero` cannot grow without end.
import type { Readable } from "node:stream";

export interface InputLine {
  text: string;
  /** The line had more than the limit's characters: `text` is only its start. */
  tooLong: boolean;
}

/** The lines of `input` (UTF-8), without their line ends. A line over `maxChars` yields its first 200 characters and tooLong. */
export async function* inputLines(input: Readable, maxChars: number): AsyncGenerator<InputLine> {
  const decoder = new TextDecoder("utf-8");
  let pieces: string[] = []; // the current line so far, joined only once it ends
  let length = 0;
  let overflow: string | null = null; // the start of a line that went over the limit
  const take = (piece: string) => {
    if (overflow !== null) return;
    if (length + piece.length > maxChars) {
      overflow = (pieces.join("") + piece).slice(0, 200);
      pieces = [];
      length = 0;
      return;
    }
    pieces.push(piece);
    length += piece.length;
  };
  const end = (): InputLine => {
    const line: InputLine = overflow !== null ? { text: overflow, tooLong: true } : { text: stripCarriageReturn(pieces.join("")), tooLong: false };
    pieces = [];
    length = 0;
    overflow = null;
    return line;
  };
  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    let from = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", from)) {
      take(text.slice(from, newline));
      yield end();
      from = newline + 1;
    }
    take(text.slice(from));
  }
  take(decoder.decode());
  if (length > 0 || overflow !== null) yield end();
}

/** "\r\n" ends a line as "\n" does: drop the "\r" it leaves at the end. */
function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
