// How suppression-list values are stored and compared (spec 04 §2, 07 §2.7).
import type { NormalizeMode } from "@/lib/schemas/suppression-list";

/** Longest value kept on a list; longer ones are reported invalid rather than cut. */
export const MAX_VALUE_LENGTH = 1000;

/**
 * The stored form of a list value, or null when it is not usable. Always trimmed and lower-cased
 * (punctuation and inner spaces kept, 04 §2). `phone` keeps digits only and drops the leading 1
 * of an 11-digit number (`(212) 555-1212` → `2125551212`); 7 to 15 digits are accepted (E.164's
 * bound). `email` removes inner whitespace and needs one `@` with text either side.
 */
export function normalizeSuppressionValue(raw: string, mode: NormalizeMode = "none"): string | null {
  let value = raw.trim().toLowerCase();
  if (mode === "phone") {
    value = value.replace(/\D+/g, "");
    if (value.length === 11 && value.startsWith("1")) value = value.slice(1);
    if (value.length < 7 || value.length > 15) return null;
  } else if (mode === "email") {
    value = value.replace(/\s+/g, "");
    if (!/^[^@]+@[^@]+$/.test(value)) return null;
  }
  if (value === "" || value.length > MAX_VALUE_LENGTH) return null;
  return value;
}
