/** `number` type (spec 01 §4) and the lenient numeric reading shared with rules' num(). */
import type { TypedValue } from "./common";

/** `normal` is NaN when invalid (JSON serialisation stores it as null, as the spec asks). */
export interface NumberValue extends TypedValue<number> {}

const NOT_NUMERIC = /[^0-9.\-]/g;
/** Numbers in lead data are short; bounding the input keeps the hot path cheap on junk. */
const MAX_LEN = 1000;

/**
 * Lenient numeric reading: every character except digits, `-` and `.` is dropped, then the
 * leading number is read ("$1,100 per month" -> 1100, "0915" -> 915). NaN when nothing is left.
 */
export function toNumber(raw: unknown): number {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : NaN;
  if (typeof raw === "bigint") return Number(raw);
  if (typeof raw !== "string" || raw.length > MAX_LEN) return NaN;
  const n = Number.parseFloat(raw.replace(NOT_NUMERIC, ""));
  return Number.isFinite(n) ? n : NaN;
}

export function parseNumber(raw: unknown): NumberValue {
  const n = toNumber(raw);
  return { normal: n, raw, valid: !Number.isNaN(n) };
}
