// blank(v) of spec 02 §4. Dependency-free so the UI-side helpers (list.ts, reason.ts) can use it.

/** Absent/null; text empty after trimming; an empty array (or all elements blank); a typed value whose `raw` is blank. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case "string": {
      // Most values start with a visible ASCII character: decide without trimming (allocation).
      const c = v.charCodeAt(0);
      if (c > 32 && c < 127) return false;
      return v.trim().length === 0;
    }
    case "object":
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!isBlank(v[i])) return false;
        return true;
      }
      if (Object.hasOwn(v, "normal")) {
        const t = v as { normal: unknown; raw?: unknown };
        // The abbreviated typed values of the spec's vectors have no `raw`; fall back to normal.
        return Object.hasOwn(t, "raw") ? isBlank(t.raw) : isBlank(t.normal);
      }
      return false;
    default:
      return false;
  }
}

