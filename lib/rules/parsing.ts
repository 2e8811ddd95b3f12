// The few type parsers the rule engine needs for right-hand values (spec 02 §4): lenient numbers,
// booleans, ranges, and dates parsed "with the lhv's date type". Kept in one file so that switching
// to `@/lib/types` (being written concurrently) touches nothing else.

import { toBoolean } from "@/lib/types/boolean";
import { parseDate } from "@/lib/types/date";
import { parseTime } from "@/lib/types/time";
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

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** Normal form of `s` under the date type (`YYYY-MM-DD`) or the time type (ISO UTC with ms). */
export function parseDateNormal(s: string, kind: DateKind): string | undefined {
  const v = kind === "date" ? parseDate(s) : parseTime(s);
  return v.valid ? v.normal : undefined;
}

/** Epoch milliseconds of a date (`YYYY-MM-DD`) or time (ISO) normal. */
export function epochOf(normal: string): number {
  return YMD.test(normal) ? Date.parse(normal + "T00:00:00Z") : Date.parse(normal);
}
