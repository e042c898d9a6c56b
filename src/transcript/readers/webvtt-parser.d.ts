// Types for webvtt-parser (the W3C's WebVTT parser ships none): the parts vtt.ts uses.
declare module "webvtt-parser" {
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: "subtitles/captions/descriptions" | "metadata" | "chapters"): {
      cues: { id: string; startTime: number; endTime: number; text: string; tree: unknown }[];
      errors: { message: string; line: number; col?: number }[];
    };
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
