// The one settings layer. Every setting comes from the environment (or .env) through `envReader`, and every
// value is checked by one of the validators below: a malformed value throws a SettingsError whose message is one
// line naming the variable, what it must be and what it got. The readers of each area use these:
// src/config.ts (corpus and index), src/embedding/settings.ts (the model), src/discord/config.ts (the bot).

/** A malformed setting; the message is one line and names the variable. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/** A variable's value, trimmed; an empty value (`MODEL_DIR=` in .env) counts as unset, so the default applies. */
export type EnvValue = (name: string) => string | undefined;

export function envReader(env: NodeJS.ProcessEnv = process.env): EnvValue {
  return (name) => env[name]?.trim() || undefined;
}

/** An on/off setting: 1/0, true/false, yes/no, on/off; unset gives the fallback. */
export function switchSetting(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(lower)) return true;
  if (["0", "false", "no", "off"].includes(lower)) return false;
  throw new SettingsError(`${name} must be true or false (1/0, yes/no), got "${raw}"`);
}

export interface NumberRule {
  /** Smallest value allowed, or (with `above`) the bound the value must exceed. */
  min: number;
  above?: boolean;
  whole?: boolean;
  /** What the number counts ("seconds"), for the message. */
  unit?: string;
}

/** A number within `rule`; unset gives the fallback. The message says the rule: "a whole number ≥ 1", "a number of seconds above 0". */
export function numberSetting(name: string, raw: string | undefined, fallback: number, rule: NumberRule): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  const fits = Number.isFinite(n) && (rule.above ? n > rule.min : n >= rule.min) && (!rule.whole || Number.isInteger(n));
  if (fits) return n;
  const what = `a ${rule.whole ? "whole " : ""}number${rule.unit ? ` of ${rule.unit}` : ""} ${rule.above ? "above" : "≥"} ${rule.min}`;
  throw new SettingsError(`${name} must be ${what}, got "${raw}"`);
}

/** One of `allowed`; unset gives the fallback. */
export function oneOfSetting<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new SettingsError(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
}

/** An http: or https: URL (`example` shows one in the message). */
export function httpUrlSetting(name: string, raw: string, example?: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:")) return url;
  throw new SettingsError(`${name} must be an http(s) URL${example ? ` such as ${example}` : ""}, got "${raw}"`);
}
