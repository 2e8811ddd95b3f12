/**
 * `date` type (spec 01 §4). Normal `YYYY-MM-DD`. US formats are tried before European ones, each
 * list strictly first and then in a forgiving pass, so `6/2/14` is June 2 and `18/07/2014` is 18 July.
 */
import { type TypedValue, trimmedText } from "./common";

export interface DateValue extends TypedValue<string> {}

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
  /** The year was written with two digits (dob uses this to keep birth dates in the past). */
  twoDigitYear: boolean;
}

/** Date text is short; longer input is rejected before any regex runs. */
export const MAX_DATE_LEN = 200;

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ["jan", 1], ["january", 1], ["feb", 2], ["february", 2], ["mar", 3], ["march", 3],
  ["apr", 4], ["april", 4], ["may", 5], ["jun", 6], ["june", 6], ["jul", 7], ["july", 7],
  ["aug", 8], ["august", 8], ["sep", 9], ["sept", 9], ["september", 9], ["oct", 10],
  ["october", 10], ["nov", 11], ["november", 11], ["dec", 12], ["december", 12],
]);
const SHORT_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const SHORT_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const WEEKDAYS = new Set([
  ...SHORT_WEEKDAYS, "sunday", "monday", "tues", "tuesday", "wednesday", "thur", "thurs",
  "thursday", "friday", "saturday",
]);
const ORDINAL_SUFFIXES = new Set(["st", "nd", "rd", "th"]);

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
}

/** Moment's two-digit-year rule: 69-99 -> 19xx, 00-68 -> 20xx. */
function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length === 2 ? (n > 68 ? 1900 + n : 2000 + n) : n;
}

function makeParts(y: string, m: number, d: number): DateParts | undefined {
  const year = fullYear(y);
  if (year < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(year, m)) return undefined;
  return { year, month: m, day: d, twoDigitYear: y.length === 2 };
}

/** Day of week (0 = Sunday) of a proleptic Gregorian date. */
function weekday(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCDay();
}

// ---- strict pass: moment-style formats compiled to anchored regexes ----------------------------

type Field = "weekday" | "month_name" | "month" | "day" | "year";
interface StrictFormat {
  re: RegExp;
  fields: Field[];
}

const TOKENS: Array<[string, string, Field]> = [
  ["YYYY", "(\\d{4})", "year"],
  ["ddd", "([A-Za-z]{3})", "weekday"],
  ["MMM", "([A-Za-z]{3})", "month_name"],
  ["MM", "(\\d{2})", "month"],
  ["DD", "(\\d{2})", "day"],
  ["YY", "(\\d{2})", "year"],
  ["M", "(\\d{1,2})", "month"],
  ["D", "(\\d{1,2})", "day"],
];

function compile(format: string): StrictFormat {
  let src = "^";
  const fields: Field[] = [];
  let i = 0;
  outer: while (i < format.length) {
    for (const [token, re, field] of TOKENS) {
      if (format.startsWith(token, i)) {
        src += re;
        fields.push(field);
        i += token.length;
        continue outer;
      }
    }
    src += format[i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    i++;
  }
  return { re: new RegExp(src + "$"), fields };
}

const US_FORMATS = ["ddd MMM DD YYYY", "MMM DD YYYY", "M/D/YYYY", "M/D/YY", "YYYY-MM-DD", "MM-DD-YYYY", "MMDDYYYY", "YYYYMMDD"];
const EU_FORMATS = ["ddd DD MMM YYYY", "DD MMM YYYY", "D/M/YYYY", "D/M/YY", "YYYY-DD-MM", "DD-MM-YYYY", "DDMMYYYY", "YYYYDDMM"];
const STRICT_US = US_FORMATS.map(compile);
const STRICT_EU = EU_FORMATS.map(compile);

function strict(text: string, formats: StrictFormat[]): DateParts | undefined {
  for (const f of formats) {
    const m = f.re.exec(text);
    if (!m) continue;
    let year = "";
    let month = 0;
    let day = 0;
    let wd = -1;
    let ok = true;
    f.fields.forEach((field, i) => {
      const v = m[i + 1];
      switch (field) {
        case "year": year = v; break;
        case "month": month = Number(v); break;
        case "day": day = Number(v); break;
        case "month_name": {
          const idx = SHORT_MONTHS.indexOf(v.toLowerCase());
          if (idx < 0) ok = false;
          month = idx + 1;
          break;
        }
        case "weekday":
          wd = SHORT_WEEKDAYS.indexOf(v.toLowerCase());
          if (wd < 0) ok = false;
          break;
      }
    });
    if (!ok) continue;
    const parts = makeParts(year, month, day);
    if (!parts) continue;
    if (wd >= 0 && weekday(parts.year, parts.month, parts.day) !== wd) continue;
    return parts;
  }
  return undefined;
}

// ---- forgiving pass: words and digit runs, punctuation ignored, trailing text tolerated ---------

const WORD_OR_NUMBER = /[A-Za-z]+|\d+/g;

interface Tokens {
  /** Digit runs and month names in order; month names as negative month numbers. */
  seq: Array<string | number>;
}

function tokenize(text: string): Tokens {
  const seq: Array<string | number> = [];
  for (const m of text.matchAll(WORD_OR_NUMBER)) {
    const tok = m[0];
    const c = tok.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      seq.push(tok);
      continue;
    }
    const lower = tok.toLowerCase();
    const month = MONTHS.get(lower);
    if (month !== undefined) seq.push(-month);
    else if (WEEKDAYS.has(lower) || ORDINAL_SUFFIXES.has(lower)) continue;
    else if (seq.length > 0) break; // other words end the date part ("6/2/14 at noon")
  }
  return { seq };
}

const isDay = (t: string | number | undefined): t is string => typeof t === "string" && t.length <= 2;
const isYear = (t: string | number | undefined): t is string =>
  typeof t === "string" && (t.length === 4 || t.length === 2);
const isYear4 = (t: string | number | undefined): t is string => typeof t === "string" && t.length === 4;
const isMonthName = (t: string | number | undefined): t is number => typeof t === "number";

function forgiving(text: string, european: boolean): DateParts | undefined {
  const { seq } = tokenize(text);
  const [a, b, c] = seq;
  if (!european) {
    // MMM DD YYYY
    if (isMonthName(a) && isDay(b) && isYear(c)) return makeParts(c, -a, Number(b));
    // M/D/YYYY, M/D/YY, MM-DD-YYYY
    if (isDay(a) && isDay(b) && isYear(c)) return makeParts(c, Number(a), Number(b));
    // YYYY-MM-DD
    if (isYear4(a) && isDay(b) && isDay(c)) return makeParts(a, Number(b), Number(c));
    // MMDDYYYY, YYYYMMDD
    if (typeof a === "string" && a.length === 8) {
      return makeParts(a.slice(4), Number(a.slice(0, 2)), Number(a.slice(2, 4))) ??
        makeParts(a.slice(0, 4), Number(a.slice(4, 6)), Number(a.slice(6)));
    }
    return undefined;
  }
  // DD MMM YYYY
  if (isDay(a) && isMonthName(b) && isYear(c)) return makeParts(c, -b, Number(a));
  // D/M/YYYY, D/M/YY, DD-MM-YYYY
  if (isDay(a) && isDay(b) && isYear(c)) return makeParts(c, Number(b), Number(a));
  // YYYY-DD-MM
  if (isYear4(a) && isDay(b) && isDay(c)) return makeParts(a, Number(c), Number(b));
  // DDMMYYYY, YYYYDDMM
  if (typeof a === "string" && a.length === 8) {
    return makeParts(a.slice(4), Number(a.slice(2, 4)), Number(a.slice(0, 2))) ??
      makeParts(a.slice(0, 4), Number(a.slice(6)), Number(a.slice(4, 6)));
  }
  return undefined;
}

/** Calendar date in a text, or undefined. */
export function parseDateParts(text: string): DateParts | undefined {
  if (text.length === 0 || text.length > MAX_DATE_LEN) return undefined;
  return strict(text, STRICT_US) ?? strict(text, STRICT_EU) ?? forgiving(text, false) ?? forgiving(text, true);
}

export function formatDateParts(p: { year: number; month: number; day: number }): string {
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export function parseDate(raw: unknown): DateValue {
  const text = trimmedText(raw);
  const parts = parseDateParts(text);
  if (!parts) return { normal: text, raw, valid: false };
  return { normal: formatDateParts(parts), raw, valid: true };
}
