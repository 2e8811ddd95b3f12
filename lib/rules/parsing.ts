// The few type parsers the rule engine needs for right-hand values (spec 02 §4): lenient numbers,
// booleans, ranges, and dates parsed "with the lhv's date type". Kept in one file so that switching
// to `@/lib/types` (being written concurrently) touches nothing else.

import { toBoolean } from "@/lib/types/boolean";
import { toNumber } from "@/lib/types/number";

/** The number type's lenient parse: strip everything but `[0-9.-]`, then parse (`"$1,000"` → 1000). */
export const parseLenientNumber: (s: string) => number = toNumber;

/** The boolean type's parse (spec 01 §4): `y/yes/true/t/1` → true, `n/no/false/f/0` → false. */
export const parseBoolean: (v: string | number) => boolean | undefined = toBoolean;

export interface NumRange {
  min: number;
  /** `null` = no upper bound (`"10+"`). */
  max: number | null;
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;
const NUM = String.raw`(-?(?:\d+\.?\d*|\.\d+))`;
const TWO_BOUNDS = new RegExp(String.raw`^${NUM}\s*(?:-|to|\s)\s*${NUM}$`, "i");
const OPEN_ENDED = new RegExp(String.raw`^${NUM}\s*\+$`);
const SINGLE = new RegExp(String.raw`^${NUM}$`);

/** The range type's parse of a string (spec 01 §4 range), reduced to numeric bounds. */
export function parseRangeString(s: string): NumRange | undefined {
  const dates = s.match(ISO_DATE);
  if (dates && dates.length === 2) {
    const a = Date.parse(dates[0]);
    const b = Date.parse(dates[1]);
    if (Number.isFinite(a) && Number.isFinite(b)) return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  const t = s.replace(/[$,]/g, "").trim();
  let m = TWO_BOUNDS.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  m = OPEN_ENDED.exec(t);
  if (m) return { min: Number(m[1]), max: null };
  m = SINGLE.exec(t);
  if (m) {
    const n = Number(m[1]);
    return { min: n, max: n };
  }
  return undefined;
}

export type DateKind = "date" | "time";

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const MDY = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/;

function ymd(y: number, m: number, d: number): string | undefined {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

/**
 * Normal form of `s` under the date type (`YYYY-MM-DD`) or the time type (ISO UTC with ms).
 * Covers ISO and US `M/D/YYYY` forms, which is what rule authors type into an rhv.
 */
export function parseDateNormal(s: string, kind: DateKind): string | undefined {
  const t = s.trim();
  if (kind === "date") {
    let m = YMD.exec(t);
    if (m) return ymd(+m[1], +m[2], +m[3]);
    m = MDY.exec(t);
    if (m) {
      let y = +m[3];
      if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
      return ymd(y, +m[1], +m[2]);
    }
    const ms = Date.parse(t);
    return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
  }
  // Values without a zone are UTC (spec 01 §4 time).
  const withZone = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t) ? t + "Z" : t;
  const ms = Date.parse(YMD.test(t) ? t + "T00:00:00Z" : withZone);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Epoch milliseconds of a date (`YYYY-MM-DD`) or time (ISO) normal. */
export function epochOf(normal: string): number {
  return YMD.test(normal) ? Date.parse(normal + "T00:00:00Z") : Date.parse(normal);
}
