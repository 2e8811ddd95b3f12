/**
 * JSON text for a database column. PostgreSQL's jsonb cannot hold U+0000, which a source may send
 * inside any value; it is stored as U+FFFD on both databases so that a lead reads back the same
 * wherever it is stored. JSON.stringify writes U+0000 as the escape `\u0000`; only an escape that
 * is not itself preceded by an escaped backslash is one (the fast path skips all this).
 */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes("\\u0000") ? text.replace(NUL_ESCAPE, "$1\\ufffd") : text;
}

export function cleanText(value: string | null): string | null {
  return value === null ? null : value.replaceAll("\u0000", "\uFFFD");
}
