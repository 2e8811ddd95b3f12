/** `street` type (spec 01 §4): "<number> <name>". */
import { type TypedValue, trimmedText } from "./common";

export interface StreetValue extends TypedValue<string> {
  number?: string;
  name?: string;
}

const FIRST_GAP = /\s+/;

export function parseStreet(raw: unknown): StreetValue {
  const text = typeof raw === "string" ? raw.trim() : trimmedText(raw);
  const m = FIRST_GAP.exec(text);
  if (typeof raw !== "string" || !m) return { normal: text, raw, valid: false };
  return {
    normal: text,
    raw,
    valid: true,
    number: text.slice(0, m.index),
    name: text.slice(m.index + m[0].length),
  };
}
