// Report time ranges and buckets (08 §2), computed in an IANA time zone with DST honoured.
// Buckets are computed here, in TypeScript, as a list of UTC instants; SQL only compares event
// timestamps with those instants (see aggregate.ts), so both databases bucket identically and
// no SQL dialect needs to know about time zones.
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, addYears, startOfDay, startOfMonth, startOfWeek, startOfYear } from "date-fns";
import { ApiError } from "@/lib/server/errors";
import type { Interval } from "@/lib/schemas/reports";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 08 §2: at most 400 days; one extra hour so a 400-day range across a DST change still fits. */
export const MAX_SPAN_MS = 400 * DAY + HOUR;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ReportRange {
  start: Date;
  /** Inclusive (`…23:59:59.999` for a date). */
  end: Date;
}

function localDayStart(y: number, m: number, d: number, timeZone: string): number {
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime();
}

/** `start`: a date is that day's 00:00:00.000 in the zone; `end`: that day's 23:59:59.999. */
function boundary(value: string, timeZone: string, end: boolean): Date {
  const m = DATE_ONLY.exec(value);
  if (!m) return new Date(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // The end of a day is the next local midnight minus 1 ms: right on 23 h and 25 h days too.
  if (end) return new Date(addDays(new TZDate(localDayStart(y, mo, d, timeZone), timeZone), 1).getTime() - 1);
  return new Date(localDayStart(y, mo, d, timeZone));
}

/**
 * `start`/`end` of a report (08 §2): ISO timestamps or local dates; default today in the zone.
 * `end < start` and spans over 400 days are 422 (`validation`), with the parameter as the path.
 */
export function resolveReportRange(start: string | undefined, end: string | undefined, timeZone: string, now = Date.now()): ReportRange {
  const today = startOfDay(new TZDate(now, timeZone));
  const from = start ? boundary(start, timeZone, false) : new Date(today.getTime());
  const to = end ? boundary(end, timeZone, true) : new Date(addDays(today, 1).getTime() - 1);
  if (to.getTime() < from.getTime()) {
    throw new ApiError("validation", "end must not be before start", { issues: [{ path: "end", message: "must not be before start" }] });
  }
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) {
    throw new ApiError("validation", "The time range is longer than 400 days", {
      issues: [{ path: "end", message: "the range from start to end may span at most 400 days" }],
    });
  }
  return { start: from, end: to };
}

export interface Bucket {
  label: string;
  /**
   * The bucket's own first instant (UTC ms), as in 08 §2's table ("week of 2024-01-17" starts on
   * Monday the 15th) even when the range starts later: clipping only limits which events count.
   */
  start: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function labelOf(d: TZDate, interval: Interval): string {
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  switch (interval) {
    case "hour":
      return `${date}T${pad(d.getHours())}:00`;
    case "month":
      return date.slice(0, 7);
    case "year":
      return date.slice(0, 4);
    default:
      return date;
  }
}

/** Start of the bucket containing `t`. */
function unitStart(t: number, interval: Interval, timeZone: string): TZDate {
  const d = new TZDate(t, timeZone);
  switch (interval) {
    case "hour": {
      // From the zone offset at `t`, not a local-clock reset, so that the repeated hour at the
      // end of DST stays two buckets and half-hour zones (Asia/Kolkata) start at local :00.
      const offset = -d.getTimezoneOffset() * 60_000;
      return new TZDate(t - ((((t + offset) % HOUR) + HOUR) % HOUR), timeZone);
    }
    case "day":
      return startOfDay(d);
    case "week":
      return startOfWeek(d, { weekStartsOn: 1 });
    case "month":
      return startOfMonth(d);
    default:
      return startOfYear(d);
  }
}

function next(d: TZDate, interval: Interval): TZDate {
  switch (interval) {
    case "hour":
      return new TZDate(d.getTime() + HOUR, d.timeZone!);
    case "day":
      return addDays(d, 1);
    case "week":
      return addWeeks(d, 1);
    case "month":
      return addMonths(d, 1);
    default:
      return addYears(d, 1);
  }
}

/**
 * The buckets of a range, in order: half-open `[start, next start)` in the zone. The first and the
 * last are clipped to the range by the query (events outside the range are never read). `limit` stops early (the caller turns that into a 422).
 */
export function bucketsOf(range: ReportRange, interval: Exclude<Interval, "none">, timeZone: string, limit = Infinity): Bucket[] {
  const end = range.end.getTime();
  const out: Bucket[] = [];
  let cursor = unitStart(range.start.getTime(), interval, timeZone);
  while (cursor.getTime() <= end && out.length <= limit) {
    out.push({ label: labelOf(cursor, interval), start: cursor.getTime() });
    cursor = next(cursor, interval);
  }
  return out;
}

/** ISO-8601 UTC with milliseconds (07 §2.1). */
export const iso = (ms: number | Date) => new Date(ms).toISOString();
