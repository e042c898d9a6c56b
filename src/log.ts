// The structured log (pino, JSON lines on stderr so stdout stays free for the console chat).
// Secrets never reach it: the bot token and interaction tokens are scrubbed from error text.
// Nor do terminal controls: JSON escapes C0, and every line is passed through escapeJsonControls for the rest
// (C1, DEL, bidi overrides), so a log followed on a terminal cannot be driven by what users or transcripts say.
import { pino, type DestinationStream, type Logger } from "pino";
import { escapeJsonControls } from "./text/clean.js";

export type { Logger } from "pino";

export function createLogger(level: string, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: { app: "briefbot" },
      redact: { paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"], censor: "[redacted]" },
      hooks: { streamWrite: escapeJsonControls },
    },
    destination,
  );
}

/** What to log about an error: its kind, message, Discord code/status and stack, with secrets scrubbed. */
export function errorFields(error: unknown, secrets: readonly (string | null)[] = []): Record<string, unknown> {
  const scrub = (text: string) => scrubSecrets(text, secrets);
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const extra = error as Error & { code?: unknown; status?: unknown; method?: unknown };
  return {
    type: error.name,
    message: scrub(error.message),
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(typeof extra.status === "number" ? { status: extra.status } : {}),
    ...(typeof extra.method === "string" ? { method: extra.method } : {}),
    ...(error.stack ? { stack: scrub(error.stack) } : {}),
  };
}

/** Text with the given secrets and any interaction/webhook token in a Discord route replaced. */
export function scrubSecrets(text: string, secrets: readonly (string | null)[]): string {
  let out = text.replace(/\b(webhooks|interactions)\/(\d+)\/[\w.-]+/g, "$1/$2/[token]");
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}
