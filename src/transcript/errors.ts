/** A transcript that cannot be read; the message is one line meant for the user. */
export class TranscriptError extends Error {
  override name = "TranscriptError";
}
