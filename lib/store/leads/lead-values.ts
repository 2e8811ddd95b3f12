/** The comparable text of a stored lead value: a typed value's `normal`, else the value itself. */
export function normalOf(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "normal" in value) {
    return (value as { normal: unknown }).normal;
  }
  return value;
}

/** Value at a dot path inside stored lead fields (`phone_1.area`), own properties only. */
export function valueAt(fields: Record<string, unknown>, path: string): unknown {
  let current: unknown = fields;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function textOf(value: unknown): string {
  const v = normalOf(value);
  if (v === undefined || v === null) return "";
  return Array.isArray(v) ? v.map((x) => String(normalOf(x) ?? "")).join(", ") : String(v);
}
