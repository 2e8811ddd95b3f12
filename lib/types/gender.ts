/** `gender` type (spec 01 §4). */
import { type TypedValue, trimmedText } from "./common";

export interface GenderValue extends TypedValue<string> {
  abbr: "M" | "F" | "O" | null;
}

const GENDERS = new Map<string, ["male" | "female" | "other", "M" | "F" | "O"]>([
  ["m", ["male", "M"]],
  ["male", ["male", "M"]],
  ["f", ["female", "F"]],
  ["female", ["female", "F"]],
  ["o", ["other", "O"]],
  ["other", ["other", "O"]],
]);

export function parseGender(raw: unknown): GenderValue {
  const text = trimmedText(raw);
  const hit = text.length <= 6 ? GENDERS.get(text.toLowerCase()) : undefined;
  if (!hit) return { normal: text, raw, valid: false, abbr: null };
  return { normal: hit[0], raw, valid: true, abbr: hit[1] };
}
