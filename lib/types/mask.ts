/**
 * Masking of maskable types (spec 01 §5): the engine works with clear values, events and stored
 * leads hold the masked form.
 */
import { TYPE_INFO } from "./catalog";
import { type TypedValue, isTypedValue, textOf } from "./common";

/** `ssn`, `dob`, `credential` (from the catalog). */
export const MASKABLE_TYPES: ReadonlySet<string> = new Set([...TYPE_INFO.values()].filter((t) => t.maskable).map((t) => t.name));

export function isMaskable(type: string): boolean {
  return MASKABLE_TYPES.has(type);
}

const ANY_CHAR = /[^]/gu;
function stars(v: unknown): string {
  const t = textOf(v) ?? "";
  return t.replace(ANY_CHAR, "*");
}

function maskTyped(type: string, v: TypedValue): TypedValue {
  if (type === "dob") {
    // Year and age stay readable; without a year (invalid input) nothing can be shown.
    const year = typeof v.year === "number" ? v.year : undefined;
    const shown = year === undefined ? undefined : `**/**/${year}`;
    return { ...v, normal: shown ?? stars(v.normal), raw: shown ?? stars(v.raw) };
  }
  const out: TypedValue = { ...v, normal: stars(v.normal), raw: stars(v.raw) };
  for (const key of Object.keys(v)) {
    if (key === "normal" || key === "raw" || key === "valid") continue;
    const c = v[key];
    if (typeof c === "string" || typeof c === "number" || typeof c === "bigint") out[key] = stars(c);
  }
  return out;
}

/**
 * The masked form of a field value of `type` (typed value, plain string or array of them).
 * Values of non-maskable types are returned unchanged. Masking is idempotent.
 */
export function mask<T>(type: string, value: T): T {
  if (!MASKABLE_TYPES.has(type) || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((el: unknown) => mask(type, el)) as T;
  if (isTypedValue(value)) return maskTyped(type, value) as T;
  if (typeof value === "object") return value;
  return stars(value) as T;
}

/**
 * Clear texts of a maskable value with their masked replacements, longest first, for scrubbing
 * them out of recorded HTTP exchanges (spec 06 §2.2: only clear values of 4+ characters).
 */
export function maskReplacements(type: string, value: unknown): Array<{ clear: string; masked: string }> {
  if (!MASKABLE_TYPES.has(type) || value === null || value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  const seen = new Map<string, string>();
  for (const v of values) {
    const maskedValue = mask(type, v);
    const pairs: Array<[unknown, unknown]> = isTypedValue(v)
      ? [[v.normal, (maskedValue as TypedValue).normal], [v.raw, (maskedValue as TypedValue).raw]]
      : [[v, maskedValue]];
    for (const [clear, masked] of pairs) {
      const c = textOf(clear);
      const m = textOf(masked);
      if (c !== undefined && m !== undefined && c.length >= 4 && c !== m) seen.set(c, m);
    }
  }
  return [...seen].map(([clear, masked]) => ({ clear, masked })).sort((a, b) => b.clear.length - a.clear.length);
}
