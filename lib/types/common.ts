/**
 * Shared shapes and helpers for the field type parsers (spec 01 §3).
 */

/** The parsed form of a field value: `normal` is what rules and templates use; the rest are components. */
export interface TypedValue<N = unknown> {
  normal: N;
  /** The value exactly as submitted (untrimmed). */
  raw: unknown;
  valid: boolean;
  [component: string]: unknown;
}

/** A typed value the parser could not understand: no components, `raw` kept. */
export interface InvalidValue<N = string> extends TypedValue<N> {
  valid: false;
}

/**
 * True for a value already produced by a parser (or read back from storage):
 * a plain object carrying `normal`, `raw` and a boolean `valid`.
 */
export function isTypedValue(v: unknown): v is TypedValue {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.valid === "boolean" && "normal" in o && "raw" in o;
}

/**
 * Text a parser can work on, or undefined for values that have no sensible text form
 * (objects, arrays, symbols, functions, invalid dates).
 */
export function textOf(raw: unknown): string | undefined {
  switch (typeof raw) {
    case "string":
      return raw;
    case "number":
    case "bigint":
    case "boolean":
      return String(raw);
    case "object":
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Trimmed text of a value (spec 01 §3: the parser sees the trimmed string), or "" when the value
 * has no text form. Used as `normal` of values a parser rejects.
 */
export function trimmedText(raw: unknown): string {
  const t = textOf(raw);
  return t === undefined ? "" : t.trim();
}

export function invalid(normal: string, raw: unknown): InvalidValue {
  return { normal, raw, valid: false };
}

/** JSON text for objects/arrays that reach a plain-text type; never throws (cycles, BigInt). */
export function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? "" : s;
  } catch {
    return String(Object.prototype.toString.call(v));
  }
}
