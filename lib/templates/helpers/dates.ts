/**
 * Dates for the `format` helper: reading a value as a date, and formatting it with moment.js
 * tokens (spec 03 §2.2), `[literal]` text, localized `L…` formats and an optional IANA time zone.
 * Time zone offsets and abbreviations come from @date-fns/tz (Intl underneath); everything else is
 * calendar arithmetic on UTC fields, so the server's own zone never matters.
 */
import { tzName, tzOffset } from "@date-fns/tz";
import { TemplateError } from "../errors";
import { dateLocale, type DateLocale } from "./locales";

export interface DateInput {
  /** Epoch milliseconds. */
  ms: number;
  /** A calendar date without a time (`2015-06-24`): formatted as that day in every time zone. */
  dateOnly: boolean;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
// Strings carrying an explicit zone are safe to hand to Date.parse (no server-local time).
const HAS_ZONE = /(?:\bGMT\b|\bUTC\b|[+-]\d{2}:?\d{2}\b|\dZ\b)/i;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m - 1);
}

function utc(y: number, m0: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m0, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/**
 * Parse date text: `YYYY-MM-DD` (a calendar date), ISO-8601 date-times (no zone = UTC, spec 01
 * time type), US `M/D/YYYY[ h:mm[:ss] [AM|PM]]` (UTC), and any text with an explicit zone that
 * `Date.parse` understands (`Sat Jun 14 2014 13:27:33 GMT-0500 (CDT)`).
 */
export function parseDateText(text: string): DateInput | undefined {
  const s = text.trim();
  if (s.length < 6 || s.length > 64) return undefined;
  let m = YMD.exec(s);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3];
    return validYmd(y, mo, d) ? { ms: utc(y, mo - 1, d), dateOnly: true } : undefined;
  }
  m = ISO.exec(s);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], sec = m[6] ? +m[6] : 0;
    if (!validYmd(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
    const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    let ms = utc(y, mo - 1, d, h, mi, sec, frac);
    const zone = m[8];
    if (zone && zone.toUpperCase() !== "Z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      const offset = (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0)) * sign;
      ms -= offset * 60_000;
    }
    return { ms, dateOnly: false };
  }
  m = US.exec(s);
  if (m) {
    const mo = +m[1], d = +m[2];
    let y = +m[3];
    // moment's two-digit-year rule: 69–99 → 1900s, 00–68 → 2000s.
    if (m[3].length === 2) y += y > 68 ? 1900 : 2000;
    if (!validYmd(y, mo, d)) return undefined;
    if (m[4] === undefined) return { ms: utc(y, mo - 1, d), dateOnly: true };
    let h = +m[4];
    const mi = +m[5], sec = m[6] ? +m[6] : 0;
    const ampm = m[7]?.toLowerCase();
    if (ampm) {
      if (h < 1 || h > 12) return undefined;
      if (ampm === "pm" && h < 12) h += 12;
      if (ampm === "am" && h === 12) h = 0;
    }
    if (h > 23 || mi > 59 || sec > 59) return undefined;
    return { ms: utc(y, mo - 1, d, h, mi, sec), dateOnly: false };
  }
  if (HAS_ZONE.test(s) && /[A-Za-z]{3}|\d{4}/.test(s)) {
    const ms = Date.parse(s);
    if (Number.isFinite(ms)) return { ms, dateOnly: false };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Time zones

const zoneValidity = new Map<string, boolean>();

/** True when `zone` is an IANA zone (or offset) that Intl knows. Cached. */
export function isValidTimeZone(zone: string): boolean {
  let ok = zoneValidity.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    if (zoneValidity.size > 1000) zoneValidity.clear();
    zoneValidity.set(zone, ok);
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Format tokens

type Token = { lit: string } | { tok: string };

const TOKENS = [
  "LTS", "LT", "LLLL", "LLL", "LL", "L", "llll", "lll", "ll", "l",
  "YYYYYY", "YYYYY", "YYYY", "YY", "Y",
  "ggggg", "gggg", "gg", "GGGGG", "GGGG", "GG",
  "MMMM", "MMM", "Mo", "MM", "M",
  "Qo", "Q",
  "DDDD", "DDDo", "DDD", "Do", "DD", "D",
  "dddd", "ddd", "dd", "do", "d",
  "e", "E",
  "wo", "ww", "w", "Wo", "WW", "W",
  "A", "a",
  "HH", "H", "hh", "h", "kk", "k",
  "mm", "m", "ss", "s",
  "zz", "z", "ZZ", "Z", "X", "x",
  "NNNNN", "NNNN", "NNN", "NN", "N", "yyyy", "yy", "yo", "y",
];
// Index the token list by first character so tokenizing is a short scan per position.
const TOKENS_BY_CHAR = new Map<string, string[]>();
for (const t of TOKENS) {
  const list = TOKENS_BY_CHAR.get(t[0]) ?? [];
  list.push(t);
  TOKENS_BY_CHAR.set(t[0], list);
}

function tokenize(fmt: string, out: Token[], expandLocale: DateLocale | null): void {
  let lit = "";
  const flush = () => {
    if (lit) out.push({ lit });
    lit = "";
  };
  for (let i = 0; i < fmt.length; ) {
    const c = fmt[i];
    if (c === "[") {
      const end = fmt.indexOf("]", i + 1);
      if (end > i) {
        lit += fmt.slice(i + 1, end);
        i = end + 1;
        continue;
      }
    }
    if (c === "\\" && i + 1 < fmt.length) {
      lit += fmt[i + 1];
      i += 2;
      continue;
    }
    if (c === "S") {
      let n = 1;
      while (n < 9 && fmt[i + n] === "S") n++;
      flush();
      out.push({ tok: "S".repeat(n) });
      i += n;
      continue;
    }
    const candidates = TOKENS_BY_CHAR.get(c);
    let matched: string | undefined;
    if (candidates) {
      for (const t of candidates) {
        if (fmt.startsWith(t, i)) {
          matched = t;
          break;
        }
      }
    }
    if (matched === undefined) {
      lit += c;
      i++;
      continue;
    }
    flush();
    if (expandLocale && (matched[0] === "L" || matched[0] === "l")) {
      tokenize(longDateFormat(expandLocale, matched), out, null);
    } else {
      out.push({ tok: matched });
    }
    i += matched.length;
  }
  flush();
}

/** LT…LLLL from the locale; l…llll derived by shortening month, day and weekday tokens (moment's rule). */
export function longDateFormat(locale: DateLocale, token: string): string {
  const upper = token.toUpperCase() as keyof DateLocale["longDate"];
  const base = locale.longDate[upper];
  if (token === upper) return base;
  return base.replace(/MMMM|MM|DD|dddd/g, (s) => s.slice(1));
}

const tokenCache = new Map<string, Token[]>();

function tokensFor(fmt: string, locale: DateLocale, localeKey: string): Token[] {
  const key = `${localeKey}\u0000${fmt}`;
  let toks = tokenCache.get(key);
  if (!toks) {
    toks = [];
    tokenize(fmt, toks, locale);
    if (tokenCache.size > 2000) tokenCache.clear();
    tokenCache.set(key, toks);
  }
  return toks;
}

// ---------------------------------------------------------------------------------------------
// Calendar fields

interface Fields {
  year: number;
  month: number; // 0-11
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  weekday: number; // 0 = Sunday
  dayOfYear: number; // 1-366
  epoch: number;
  offset: number; // minutes east of UTC
  zone: string | undefined;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  const p = s.length >= width ? s : "0".repeat(width - s.length) + s;
  return n < 0 ? `-${p}` : p;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInYear(y: number): number {
  return isLeap(y) ? 366 : 365;
}

/** Day-of-year offset of week 1's first day (may be ≤ 0), for week rules (dow, doy). */
function firstWeekOffset(year: number, dow: number, doy: number): number {
  const fwd = 7 + dow - doy; // the January day always in week 1
  const jan = new Date(0);
  jan.setUTCFullYear(year, 0, fwd);
  const fwdlw = (7 + jan.getUTCDay() - dow) % 7;
  return -fwdlw + fwd - 1;
}

function weeksInYear(year: number, dow: number, doy: number): number {
  return (daysInYear(year) - firstWeekOffset(year, dow, doy) + firstWeekOffset(year + 1, dow, doy)) / 7;
}

function weekOfYear(f: Fields, dow: number, doy: number): { week: number; year: number } {
  const week = Math.floor((f.dayOfYear - firstWeekOffset(f.year, dow, doy) - 1) / 7) + 1;
  if (week < 1) {
    const year = f.year - 1;
    return { week: week + weeksInYear(year, dow, doy), year };
  }
  const max = weeksInYear(f.year, dow, doy);
  if (week > max) return { week: week - max, year: f.year + 1 };
  return { week, year: f.year };
}

const offsetCache = new Map<string, number>();

/**
 * UTC offset of `zone` at `ms`, cached per 15-minute slot: every zone's offsets and transitions
 * fall on quarter hours, so a slot never straddles a change, and the Intl call (microseconds) is
 * paid once per slot instead of once per lead.
 */
function zoneOffset(zone: string, ms: number): number {
  const key = `${zone}|${Math.floor(ms / 900_000)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = tzOffset(zone, new Date(ms));
    if (offsetCache.size > 10_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

function fieldsOf(input: DateInput, zone: string | undefined): Fields {
  const offset = zone && !input.dateOnly ? zoneOffset(zone, input.ms) : 0;
  const d = new Date(input.ms + offset * 60_000);
  const year = d.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, d.getUTCMonth(), d.getUTCDate());
  return {
    year,
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millis: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    dayOfYear: Math.round((midnight.getTime() - start.getTime()) / 86_400_000) + 1,
    epoch: input.ms,
    offset,
    zone: input.dateOnly ? undefined : zone,
  };
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ":" : ""}${pad(a % 60, 2)}`;
}

function zoneAbbr(f: Fields): string {
  if (!f.zone) return "UTC";
  try {
    return tzName(f.zone, new Date(f.epoch), "short");
  } catch {
    return "";
  }
}

function signedYear(y: number, width: number, forceSign: boolean): string {
  const s = pad(Math.abs(y), width);
  return y < 0 ? `-${s}` : forceSign ? `+${s}` : s;
}

function formatToken(tok: string, f: Fields, loc: DateLocale): string {
  switch (tok) {
    case "M": return String(f.month + 1);
    case "Mo": return loc.ordinal(f.month + 1, "M");
    case "MM": return pad(f.month + 1, 2);
    case "MMM": return loc.monthsShort[f.month];
    case "MMMM": return loc.months[f.month];
    case "Q": return String(Math.floor(f.month / 3) + 1);
    case "Qo": return loc.ordinal(Math.floor(f.month / 3) + 1, "Q");
    case "D": return String(f.day);
    case "Do": return loc.ordinal(f.day, "D");
    case "DD": return pad(f.day, 2);
    case "DDD": return String(f.dayOfYear);
    case "DDDo": return loc.ordinal(f.dayOfYear, "DDD");
    case "DDDD": return pad(f.dayOfYear, 3);
    case "d": return String(f.weekday);
    case "do": return loc.ordinal(f.weekday, "d");
    case "dd": return loc.weekdaysMin[f.weekday];
    case "ddd": return loc.weekdaysShort[f.weekday];
    case "dddd": return loc.weekdays[f.weekday];
    case "e": return String((f.weekday - loc.week.dow + 7) % 7);
    case "E": return String(f.weekday === 0 ? 7 : f.weekday);
    case "w": return String(weekOfYear(f, loc.week.dow, loc.week.doy).week);
    case "wo": return loc.ordinal(weekOfYear(f, loc.week.dow, loc.week.doy).week, "w");
    case "ww": return pad(weekOfYear(f, loc.week.dow, loc.week.doy).week, 2);
    case "W": return String(weekOfYear(f, 1, 4).week);
    case "Wo": return loc.ordinal(weekOfYear(f, 1, 4).week, "W");
    case "WW": return pad(weekOfYear(f, 1, 4).week, 2);
    case "YY": return pad(Math.abs(f.year) % 100, 2);
    case "YYYY": return signedYear(f.year, 4, false);
    case "YYYYY": return signedYear(f.year, 5, false);
    case "YYYYYY": return signedYear(f.year, 6, true);
    case "Y": return f.year > 9999 ? `+${f.year}` : String(f.year);
    case "gg": return pad(Math.abs(weekOfYear(f, loc.week.dow, loc.week.doy).year) % 100, 2);
    case "gggg": return signedYear(weekOfYear(f, loc.week.dow, loc.week.doy).year, 4, false);
    case "ggggg": return signedYear(weekOfYear(f, loc.week.dow, loc.week.doy).year, 5, false);
    case "GG": return pad(Math.abs(weekOfYear(f, 1, 4).year) % 100, 2);
    case "GGGG": return signedYear(weekOfYear(f, 1, 4).year, 4, false);
    case "GGGGG": return signedYear(weekOfYear(f, 1, 4).year, 5, false);
    case "A": return loc.meridiem(f.hour, false);
    case "a": return loc.meridiem(f.hour, true);
    case "H": return String(f.hour);
    case "HH": return pad(f.hour, 2);
    case "h": return String(f.hour % 12 || 12);
    case "hh": return pad(f.hour % 12 || 12, 2);
    case "k": return String(f.hour || 24);
    case "kk": return pad(f.hour || 24, 2);
    case "m": return String(f.minute);
    case "mm": return pad(f.minute, 2);
    case "s": return String(f.second);
    case "ss": return pad(f.second, 2);
    case "z":
    case "zz": return zoneAbbr(f);
    case "Z": return offsetText(f.offset, true);
    case "ZZ": return offsetText(f.offset, false);
    case "X": return String(Math.floor(f.epoch / 1000));
    case "x": return String(f.epoch);
    case "N":
    case "NN":
    case "NNN":
    case "NNNNN": return f.year > 0 ? "AD" : "BC";
    case "NNNN": return f.year > 0 ? "Anno Domini" : "Before Christ";
    case "y":
    case "yy":
    case "yyyy": return String(f.year > 0 ? f.year : 1 - f.year);
    case "yo": return loc.ordinal(f.year > 0 ? f.year : 1 - f.year, "y");
    default:
      if (tok[0] === "S") {
        // Fractional seconds: S = tenths, SS = hundredths, SSS = ms, more digits padded with zeros.
        const ms = pad(f.millis, 3);
        return tok.length <= 3 ? ms.slice(0, tok.length) : ms + "0".repeat(tok.length - 3);
      }
      return tok;
  }
}

/** moment.js's default format (`moment().format()`), used when only a time zone or locale is given. */
export const DEFAULT_DATE_FORMAT = "YYYY-MM-DDTHH:mm:ssZ";

export interface DateFormatOptions {
  timezone?: string;
  locale?: string;
}

/**
 * Format a date with moment.js tokens. Without `timezone` the date is shown in UTC (spec 03 §2.2
 * decision). A calendar date (`dateOnly`) names a day, not an instant, so no zone shifts it.
 * Throws TemplateError for an unknown time zone.
 */
export function formatDate(input: DateInput, fmt: string, options: DateFormatOptions = {}): string {
  const zone = options.timezone && options.timezone.trim() ? options.timezone.trim() : undefined;
  if (zone && !isValidTimeZone(zone)) throw new TemplateError(`Unknown time zone "${zone}"`, "render");
  const localeKey = options.locale ?? "en";
  const loc = dateLocale(localeKey);
  const f = fieldsOf(input, zone);
  const toks = tokensFor(fmt, loc, localeKey);
  let out = "";
  for (const t of toks) out += "lit" in t ? t.lit : formatToken(t.tok, f, loc);
  return out;
}
