/** `boolean` type (spec 01 §4). */
import type { TypedValue } from "./common";

export interface BooleanValue extends TypedValue<boolean> {}

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "0"]);
const NON_ALNUM = /[^a-z0-9]/g;
/** Longest accepted word is "false"; anything much longer cannot match after stripping. */
const MAX_LEN = 64;

/** true / false for the accepted spellings, undefined for anything else. */
export function toBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw !== "string" || raw.length > MAX_LEN) return undefined;
  const word = raw.toLowerCase().replace(NON_ALNUM, "");
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

export function parseBoolean(raw: unknown): BooleanValue {
  const b = toBoolean(raw);
  return b === undefined ? { normal: false, raw, valid: false } : { normal: b, raw, valid: true };
}
