/**
 * Plain-text types (spec 01 §4): `string` (a bare string, no components), `first_name`,
 * `last_name`, `city` (typed, always valid for string input) and `credential` (always valid,
 * maskable).
 */
import { type TypedValue, safeJson, textOf } from "./common";

/** `string`: trimmed text. Objects/arrays that reach a string field become their JSON text. */
export function parseString(raw: unknown): string {
  const t = textOf(raw);
  if (t !== undefined) return t.trim();
  return safeJson(raw);
}

export interface TextValue extends TypedValue<string> {}

/** `first_name`, `last_name`, `city`: kept as submitted (trimmed); a name or city must be text. */
export function parseText(raw: unknown): TextValue {
  if (typeof raw === "string") return { normal: raw.trim(), raw, valid: true };
  const t = textOf(raw);
  return { normal: t === undefined ? "" : t.trim(), raw, valid: false };
}

export interface CredentialValue extends TypedValue<string> {}

/** `credential`: any secret is valid; it is masked before storage (see mask.ts). */
export function parseCredential(raw: unknown): CredentialValue {
  const t = textOf(raw);
  return { normal: t === undefined ? safeJson(raw) : t.trim(), raw, valid: true };
}
