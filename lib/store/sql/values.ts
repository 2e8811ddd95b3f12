/**
 * Column values read through the drivers: SQLite hands back DateTime columns as ISO text (as Prisma
 * stores them) and Json columns as text; PostgreSQL hands back Date objects and parsed jsonb.
 */
export function dbTime(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.getTime() : Date.parse(String(v));
}

export function dbJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}
