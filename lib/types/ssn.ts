/** `ssn` type (spec 01 §4). Maskable: see mask.ts. */
import { type TypedValue, trimmedText } from "./common";

export interface SsnValue extends TypedValue<string> {
  first_three?: string;
  middle_two?: string;
  last_four?: string;
}

const NON_DIGIT = /\D/g;

export function parseSsn(raw: unknown): SsnValue {
  const text = trimmedText(raw);
  // Bound the work on junk: an SSN with any amount of punctuation is far shorter than this.
  const digits = text.length <= 64 ? text.replace(NON_DIGIT, "") : "";
  if (digits.length !== 9) return { normal: text, raw, valid: false };
  return {
    normal: digits,
    raw,
    valid: true,
    first_three: digits.slice(0, 3),
    middle_two: digits.slice(3, 5),
    last_four: digits.slice(5),
  };
}
