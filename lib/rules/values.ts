// Value helpers of spec 02 §4: blank, text, num, bool, list, range — plus recognising what kind
// of typed value (spec 01 §3–4) a resolved lhv is. Typed values carry no type tag, so the kind is
// read from their shape; each check below names the component that gives the type away.

import { isBlank } from "./blank";
import {
  epochOf,
  parseBoolean,
  parseDateNormal,
  parseLenientNumber,
  parseRangeString,
  type DateKind,
  type NumRange,
} from "./parsing";

export type { DateKind, NumRange };
export { isBlank } from "./blank";
export { toList } from "./list";

export interface TypedValue {
  normal: unknown;
  raw?: unknown;
  valid?: unknown;
  [component: string]: unknown;
}

const hasOwn = Object.hasOwn;

/** A typed value is a plain object with its own `normal` (spec 01 §3). */
export function isTyped(v: unknown): v is TypedValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && hasOwn(v, "normal");
}

export type TypedKind = "range" | "number" | "boolean" | "postal" | "date" | "time" | "other";

const YMD = /^\d{4}-\d{2}-\d{2}$/;
// A full ISO-8601 instant: what the time type normalises to and what `submission.timestamp` holds.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Cheap pre-check before the date regexes, which would otherwise run on every text value. */
function mayBeDate(s: string): boolean {
  return s.length >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45; // "YYYY-MM-DD…"
}

function isIsoInstant(s: string): boolean {
  return s.length >= 16 && mayBeDate(s) && ISO_INSTANT.test(s);
}

export function typedKind(t: TypedValue): TypedKind {
  // range: the only type with min/max/avg components.
  if (hasOwn(t, "min") && hasOwn(t, "max") && hasOwn(t, "avg")) return "range";
  const n = t.normal;
  if (typeof n === "number") return "number";
  if (typeof n === "boolean") return "boolean";
  // postal_code (US): `zip` component.
  if (hasOwn(t, "zip")) return "postal";
  if (typeof n === "string" && mayBeDate(n)) {
    if (n.length === 10 && YMD.test(n)) return "date";
    if (ISO_INSTANT.test(n)) return "time";
  }
  // dob keeps `age`/`year` readable even when its normal is masked (`**/**/1980`).
  if (hasOwn(t, "age") && hasOwn(t, "year")) return "date";
  return "other";
}

/**
 * Date kind of a value for comparisons: date/dob/time-typed values, and plain strings holding a
 * full ISO instant. The latter is our decision: `submission.timestamp` is a plain string in the
 * vars, and the number type's lenient parse would turn it into garbage (2024…), so rules such as
 * `submission.timestamp is greater than "2024-01-01"` compare as times.
 */
export function dateKindOf(v: unknown): DateKind | undefined {
  if (typeof v === "string") return isIsoInstant(v) ? "time" : undefined;
  if (!isTyped(v)) return undefined;
  const k = typedKind(v);
  return k === "date" || k === "time" ? k : undefined;
}

/** text(v): trimmed, lower-cased text; typed values by their normal (spec 02 §4). */
export function toText(v: unknown): string {
  switch (typeof v) {
    case "string":
      return v.trim().toLowerCase();
    case "number":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
    case "object":
      if (v === null) return "";
      if (Array.isArray(v)) return v.map(toText).join(",");
      if (hasOwn(v, "normal")) return toText((v as TypedValue).normal);
      try {
        return JSON.stringify(v).toLowerCase();
      } catch {
        return "";
      }
    default:
      // undefined, bigint, symbol, function: nothing meaningful to compare as text.
      return typeof v === "bigint" ? String(v) : "";
  }
}

function epochOfDateValue(t: TypedValue): number {
  return typeof t.normal === "string" ? epochOf(t.normal) : NaN;
}

/** num(v) of spec 02 §4. */
export function toNum(v: unknown): number {
  switch (typeof v) {
    case "number":
      return v;
    case "string":
      return isIsoInstant(v) ? Date.parse(v) : parseLenientNumber(v);
    case "object": {
      if (v === null || !hasOwn(v, "normal") || Array.isArray(v)) return NaN;
      const t = v as TypedValue;
      switch (typedKind(t)) {
        case "number":
          return t.normal as number;
        case "range": {
          const avg = t.avg;
          if (typeof avg === "number") return avg;
          return typeof t.min === "number" ? t.min : NaN;
        }
        case "date":
        case "time":
          return epochOfDateValue(t);
        case "postal":
          return typeof t.zip === "string" ? parseLenientNumber(t.zip) : typeof t.zip === "number" ? t.zip : NaN;
        default:
          return typeof t.normal === "string" ? parseLenientNumber(t.normal) : NaN;
      }
    }
    default:
      return NaN;
  }
}

/** bool(v) of spec 02 §4; `undefined` when the value is not a boolean. */
export function toBool(v: unknown): boolean | undefined {
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
    case "number":
      return parseBoolean(v);
    case "object":
      if (isTyped(v) && typeof v.normal === "boolean") return v.valid === false ? undefined : v.normal;
      return undefined;
    default:
      return undefined;
  }
}

/** JS number, or number-/range-typed (equality step 6). */
export function isNumberish(v: unknown): boolean {
  if (typeof v === "number") return true;
  if (!isTyped(v)) return false;
  const k = typedKind(v);
  return k === "number" || k === "range";
}

/** JS boolean or boolean-typed (equality step 7). */
export function isBoolish(v: unknown): boolean {
  return typeof v === "boolean" || (isTyped(v) && typeof v.normal === "boolean");
}

export function isRangeTyped(v: unknown): v is TypedValue {
  return isTyped(v) && typedKind(v) === "range";
}

/** Bounds of a range-typed value; `max` null when open-ended (`"10+"`). */
export function rangeOfTyped(t: TypedValue): NumRange | undefined {
  if (typeof t.min !== "number" || !Number.isFinite(t.min)) return undefined;
  return { min: t.min, max: typeof t.max === "number" ? t.max : null };
}

function boundOf(v: unknown): number {
  if (typeof v === "string" && YMD.test(v.trim())) return Date.parse(v.trim() + "T00:00:00Z");
  return toNum(v);
}

/** range(rhv) of spec 02 §4. */
export function toRange(v: unknown): NumRange | undefined {
  if (Array.isArray(v)) {
    if (v.length !== 2) return undefined;
    const min = boundOf(v[0]);
    if (!Number.isFinite(min)) return undefined;
    if (isBlank(v[1])) return { min, max: null };
    const max = boundOf(v[1]);
    if (!Number.isFinite(max)) return undefined;
    return { min: Math.min(min, max), max: Math.max(min, max) };
  }
  if (typeof v === "number") return Number.isFinite(v) ? { min: v, max: v } : undefined;
  if (typeof v === "string") return parseRangeString(v);
  if (isTyped(v)) {
    if (typedKind(v) === "range") return rangeOfTyped(v);
    return typeof v.normal === "string" || typeof v.normal === "number" ? toRange(v.normal) : undefined;
  }
  return undefined;
}

/** Normal of `v` under the date or time type, for comparing against a date-typed lhv. */
export function dateNormalOf(v: unknown, kind: DateKind): string | undefined {
  if (isTyped(v)) {
    const k = typedKind(v);
    if ((k === "date" || k === "time") && typeof v.normal === "string") {
      if (k === kind) return v.normal;
      return parseDateNormal(v.normal, kind);
    }
    return dateNormalOf(v.normal, kind);
  }
  if (typeof v === "string") return parseDateNormal(v, kind);
  if (typeof v === "number" && Number.isFinite(v)) {
    const iso = new Date(v).toISOString();
    return kind === "date" ? iso.slice(0, 10) : iso;
  }
  return undefined;
}

/** Epoch ms of `v` read as the lhv's date type (comparisons: "rhv parsed as the lhv's date type"). */
export function dateEpochOf(v: unknown, kind: DateKind): number {
  if (typeof v === "number") return v;
  const normal = dateNormalOf(v, kind);
  return normal === undefined ? NaN : epochOf(normal);
}
