/**
 * JSON text for a database column. PostgreSQL's jsonb cannot hold U+0000, which a source may send
 * inside any value; it is stored as U+FFFD on both databases so that a lead reads back the same
 * wherever it is stored.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "string" && v.includes("\u0000") ? v.replaceAll("\u0000", "\uFFFD") : v));
}

export function cleanText(value: string | null): string | null {
  return value === null ? null : value.replaceAll("\u0000", "\uFFFD");
}
