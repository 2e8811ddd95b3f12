// Keyset pagination for list endpoints (spec 07 §2.1): `{data, next_cursor}`, stable order.
import { ApiError } from "@/lib/server/errors";
import { databaseConfig } from "@/lib/store/database-url";

export type Page<T> = { data: T[]; next_cursor: string | null };

/** The cursor is opaque to clients: the sort key of the last row, JSON in base64url. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, shape: ReadonlyArray<"string" | "number" | "date">): unknown[] | null {
  if (cursor === undefined) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = null;
  }
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    shape.every((t, i) => (t === "number" ? typeof key[i] === "number" : typeof key[i] === "string" && (t !== "date" || !Number.isNaN(Date.parse(key[i])))));
  if (!valid) throw new ApiError("bad_request", "Invalid cursor", { issues: [{ path: "cursor", message: "not a cursor from this list" }] });
  return (key as unknown[]).map((v, i) => (shape[i] === "date" ? new Date(v as string) : v));
}

/**
 * Where-clause fragment continuing after a `(createdAt, id)` cursor in ascending order: the
 * default order of every configuration list (by created_at, then id).
 */
export function afterCreatedAt(cursor: string | undefined) {
  const key = decodeCursor(cursor, ["date", "string"]);
  if (!key) return {};
  const [createdAt, id] = key as [Date, string];
  return { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
}

export const byCreatedAt = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** Cuts the `limit + 1` rows a query fetched into a page; the extra row only says "there is more". */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => ReadonlyArray<string | number>, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { data: kept.map(map), next_cursor: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null };
}

export const createdAtKey = (row: { createdAt: Date; id: string }) => [row.createdAt.toISOString(), row.id];

/** Case-insensitive substring filter (`q`) on a text column. */
export function textContains(q: string) {
  // SQLite's LIKE already folds ASCII case; PostgreSQL needs `mode: "insensitive"`, which the
  // SQLite client's types do not have (the two clients share the SQLite client's type).
  return (databaseConfig().provider === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
}

/** `{name: contains q}` or nothing. */
export function nameContains(q: string | undefined) {
  return q ? { name: textContains(q) } : {};
}
