/**
 * `time` type (spec 01 §4): natural and ISO date-times. Normal is ISO-8601 UTC with milliseconds;
 * values without a zone are read as UTC.
 */
import { tzOffset } from "@date-fns/tz";
import { type TypedValue, trimmedText } from "./common";
import { MAX_DATE_LEN, daysInMonth, parseDateParts } from "./date";

export interface TimeValue extends TypedValue<string> {}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Time of day: h:mm[:ss[.fff]] with optional am/pm, or "6 pm". */
const CLOCK = /\b(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?m\.?(?![a-z]))?/i;
const CLOCK_HOUR_ONLY = /\b(\d{1,2})\s*([ap])\.?m\.?(?![a-z])/i;
const ZONE_Z = /^\s*Z(?![a-z])/i;
const ZONE_OFFSET = /^\s*(?:(?:GMT|UTC)\s*)?([+-])(\d{2}):?(\d{2})(?!\d)/i;
const ZONE_SHORT_OFFSET = /^\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?![\d:])/i;
const ZONE_NAME = /^\s*\(?([A-Za-z]{1,5})\)?(?![a-z])/i;
const ZONE_IANA = /^\s*([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)/;
const PARENTHESIZED = /\([^)]*\)/g;
const EPOCH = /^\d{10}(?:\d{3})?$/;

/** Offsets (minutes) of zone abbreviations common in US lead data; ambiguous ones are left out. */
const ZONE_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ["utc", 0], ["gmt", 0], ["z", 0], ["ut", 0],
  ["est", -300], ["edt", -240], ["cst", -360], ["cdt", -300], ["mst", -420], ["mdt", -360],
  ["pst", -480], ["pdt", -420], ["akst", -540], ["akdt", -480], ["hst", -600],
]);

/** Epoch ms for a UTC wall time; years below 100 are not shifted to 19xx as Date.UTC would. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function fractionMs(frac: string | undefined): number {
  return frac ? Math.floor(Number(frac.slice(0, 3).padEnd(3, "0"))) : 0;
}

function fromIso(m: RegExpExecArray): number | undefined {
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offset = sign * (oh * 60 + om);
  }
  return utcMs(y, mo, d, h, mi, s, fractionMs(m[7])) - offset * 60_000;
}

interface Zone {
  /** Fixed offset in minutes, or an IANA zone resolved against the wall time. */
  offset?: number;
  iana?: string;
  length: number;
}

function readZone(tail: string): Zone | undefined {
  let m = ZONE_Z.exec(tail);
  if (m) return { offset: 0, length: m[0].length };
  m = ZONE_OFFSET.exec(tail);
  if (m) {
    const oh = Number(m[2]);
    const om = Number(m[3]);
    if (oh > 23 || om > 59) return undefined;
    return { offset: (m[1] === "-" ? -1 : 1) * (oh * 60 + om), length: m[0].length };
  }
  m = ZONE_SHORT_OFFSET.exec(tail);
  if (m) {
    const oh = Number(m[2]);
    if (oh > 23) return undefined;
    return { offset: (m[1] === "-" ? -1 : 1) * oh * 60, length: m[0].length };
  }
  m = ZONE_IANA.exec(tail);
  if (m) return { iana: m[1], length: m[0].length };
  m = ZONE_NAME.exec(tail);
  if (m) {
    const offset = ZONE_ABBREVIATIONS.get(m[1].toLowerCase());
    if (offset !== undefined) return { offset, length: m[0].length };
  }
  return undefined;
}

/** Offset (minutes) of an IANA zone at a wall time given as if it were UTC; NaN if unknown. */
function ianaOffset(zone: string, wallMs: number): number {
  try {
    // Two rounds settle the offset around DST changes.
    const first = tzOffset(zone, new Date(wallMs));
    if (!Number.isFinite(first)) return NaN;
    const second = tzOffset(zone, new Date(wallMs - first * 60_000));
    return Number.isFinite(second) ? second : NaN;
  } catch {
    return NaN;
  }
}

/** Epoch milliseconds of a date-time text, or undefined. */
export function parseTimeMs(text: string): number | undefined {
  if (text.length === 0 || text.length > MAX_DATE_LEN) return undefined;

  const iso = ISO.exec(text);
  if (iso) return fromIso(iso);

  if (EPOCH.test(text)) return Number(text) * (text.length === 10 ? 1000 : 1);

  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let before = text;
  let tail = "";
  const clock = CLOCK.exec(text);
  const hourOnly = clock ? null : CLOCK_HOUR_ONLY.exec(text);
  if (clock) {
    h = Number(clock[1]);
    mi = Number(clock[2]);
    s = clock[3] ? Number(clock[3]) : 0;
    ms = fractionMs(clock[4]);
    const ampm = clock[5]?.toLowerCase();
    if (mi > 59 || s > 59) return undefined;
    if (ampm) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (ampm === "p" ? 12 : 0);
    } else if (h > 23) return undefined;
    before = text.slice(0, clock.index);
    tail = text.slice(clock.index + clock[0].length);
  } else if (hourOnly) {
    h = Number(hourOnly[1]);
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (hourOnly[2].toLowerCase() === "p" ? 12 : 0);
    before = text.slice(0, hourOnly.index);
    tail = text.slice(hourOnly.index + hourOnly[0].length);
  }

  let zone: Zone | undefined;
  if (clock || hourOnly) {
    zone = readZone(tail);
    if (zone) tail = tail.slice(zone.length);
  }
  const dateText = `${before} ${tail.replace(PARENTHESIZED, " ")}`.trim();
  const parts = parseDateParts(dateText);
  if (!parts) return undefined;

  const wall = utcMs(parts.year, parts.month, parts.day, h, mi, s, ms);
  let offset = 0;
  if (zone?.offset !== undefined) offset = zone.offset;
  else if (zone?.iana !== undefined) {
    offset = ianaOffset(zone.iana, wall);
    if (Number.isNaN(offset)) return undefined;
  }
  return wall - offset * 60_000;
}

/** ISO text of an epoch-ms instant, or undefined when outside the representable range. */
function isoOf(ms: number): string | undefined {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function parseTime(raw: unknown): TimeValue {
  let ms: number | undefined;
  if (raw instanceof Date) ms = raw.getTime();
  else if (typeof raw === "number") ms = Number.isFinite(raw) ? raw : undefined;
  else ms = parseTimeMs(trimmedText(raw));
  const normal = ms === undefined || Number.isNaN(ms) ? undefined : isoOf(ms);
  if (normal === undefined) return { normal: trimmedText(raw), raw, valid: false };
  return { normal, raw, valid: true };
}
