import { ApiError } from "@/lib/server/errors";

/** Opaque pagination cursors (spec 07 §2.1): the sort key and id of the last row, base64url JSON. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(cursor: string | undefined, guard: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (guard(value)) return value;
  } catch {
    /* fall through */
  }
  throw new ApiError("bad_request", "cursor is not valid (use next_cursor from a previous page)");
}
