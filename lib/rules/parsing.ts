// The type parsers the rule engine needs for right-hand values (spec 02 §4): lenient numbers,
// booleans, ranges, and dates parsed "with the lhv's date type". All come from `@/lib/types`
// (one concept, one place); this file only adapts their results to what the operators need.

import { toBoolean } from "@/lib/types/boolean";
import { parseDate } from "@/lib/types/date";
import { parseRange } from "@/lib/types/range";
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

/** The range type's parse of a string (spec 01 §4 range), reduced to numeric bounds. */
export function parseRangeString(s: string): NumRange | undefined {
  const r = parseRange(s);
  if (!r.valid || typeof r.min !== "number" || !Number.isFinite(r.min)) return undefined;
  return { min: r.min, max: typeof r.max === "number" ? r.max : null };
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
