/**
 * `dob` type (spec 01 §4): a `date` plus `year` and `age`. Maskable (see mask.ts).
 */
import { type TypedValue, trimmedText } from "./common";
import { type DateParts, daysInMonth, formatDateParts, parseDateParts } from "./date";

export interface DobValue extends TypedValue<string> {
  year?: number;
  /** Whole years plus tenths of the current year of life, rounded down (null for future dates). */
  age?: number | null;
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** The birthday in a given year; Feb 29 falls on Feb 28 in common years. */
function birthday(b: Ymd, year: number): Ymd {
  return { year, month: b.month, day: Math.min(b.day, daysInMonth(year, b.month)) };
}

/** Days since the epoch (proleptic Gregorian, any year). */
function dayNumber(d: Ymd): number {
  const date = new Date(0);
  date.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(date.getTime() / 86_400_000);
}

function before(a: Ymd, b: Ymd): boolean {
  return a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;
}

/** Age on `today` per spec: whole years + floor(tenths of the current year of life), max .9. */
export function ageOn(birth: Ymd, today: Ymd): number | null {
  if (before(today, birth)) return null;
  let years = today.year - birth.year;
  if (before(today, birthday(birth, today.year))) years -= 1;
  const last = birthday(birth, birth.year + years);
  const next = birthday(birth, birth.year + years + 1);
  const elapsed = dayNumber(today) - dayNumber(last);
  const length = dayNumber(next) - dayNumber(last);
  const tenths = Math.min(9, Math.floor((elapsed * 10) / length));
  return (years * 10 + tenths) / 10;
}

function utcToday(nowMs: number): Ymd {
  const d = new Date(nowMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `now` is injectable so tests can pin the clock. */
export function parseDob(raw: unknown, nowMs: number = Date.now()): DobValue {
  const text = trimmedText(raw);
  let parts: DateParts | undefined = parseDateParts(text);
  if (!parts) return { normal: text, raw, valid: false };
  const today = utcToday(nowMs);
  // A two-digit year that lands in the future is a birth in the previous century ("1/2/45").
  if (parts.twoDigitYear && before(today, parts)) {
    const year = parts.year - 100;
    if (parts.day <= daysInMonth(year, parts.month)) parts = { ...parts, year };
  }
  return {
    normal: formatDateParts(parts),
    raw,
    valid: true,
    year: parts.year,
    age: ageOn(parts, today),
  };
}
