/**
 * `range` type (spec 01 §4): "700 - 749", "700 to 749", "1 10", "$1 to $10", "10+", a single
 * number, or two ISO dates (epoch-millisecond bounds).
 */
import { type TypedValue, trimmedText } from "./common";
import { parseTimeMs } from "./time";

export interface RangeValue extends TypedValue<string> {
  min?: number;
  max?: number | null;
  /** (min+max)/2 rounded to 2 decimals; null for open ranges ("10+"). */
  avg?: number | null;
  /** Integer part of (min+max)/2; null for open ranges. */
  mid?: number | null;
}

const NUM = "(-?\\d*\\.?\\d+)";
const SINGLE = new RegExp(`^${NUM}$`);
const OPEN = new RegExp(`^${NUM}\\s*\\+$`);
const BOUNDED = new RegExp(`^${NUM}\\s*(?:-|–|—|to|through|thru)\\s*${NUM}$`, "i");
const SPACED = new RegExp(`^${NUM}\\s+${NUM}$`);
const CURRENCY_AND_GROUPING = /[$,]/g;
const ISO_DATE = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;
const MAX_LEN = 200;

function bounded(min: number, max: number, raw: unknown): RangeValue {
  if (min > max) [min, max] = [max, min];
  const half = (min + max) / 2;
  return {
    normal: `${min}-${max}`,
    raw,
    valid: true,
    min,
    max,
    avg: Math.round(half * 100) / 100,
    mid: Math.trunc(half),
  };
}

export function parseRange(raw: unknown): RangeValue {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { normal: String(raw), raw, valid: false };
    return { ...bounded(raw, raw, raw), normal: String(raw) };
  }
  const text = trimmedText(raw);
  if (typeof raw !== "string" || text.length > MAX_LEN) return { normal: text, raw, valid: false };

  const dates = text.match(ISO_DATE);
  if (dates && dates.length === 2) {
    const a = parseTimeMs(dates[0]);
    const b = parseTimeMs(dates[1]);
    if (a !== undefined && b !== undefined) return bounded(a, b, raw);
  }

  const s = text.replace(CURRENCY_AND_GROUPING, "");
  let m = SINGLE.exec(s);
  if (m) {
    const n = Number(m[1]);
    return { ...bounded(n, n, raw), normal: String(n) };
  }
  m = OPEN.exec(s);
  if (m) {
    const n = Number(m[1]);
    return { normal: `${n}+`, raw, valid: true, min: n, max: null, avg: null, mid: null };
  }
  m = BOUNDED.exec(s) ?? SPACED.exec(s);
  if (m) return bounded(Number(m[1]), Number(m[2]), raw);
  return { normal: text, raw, valid: false };
}
