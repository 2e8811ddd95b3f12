// Query and body pieces shared by the admin API's schemas (spec 07 §2.1).
import { z } from "zod";

/** `limit` (default 50, max 500) and the opaque `cursor` of every paginated list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(1000).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** `q`: case-insensitive substring of the name. */
export const searchTextSchema = z.string().trim().max(200).optional();

/** `true` / `false` in a query string. */
export const queryBooleanSchema = z.enum(["true", "false"]).transform((v) => v === "true");

/** A repeatable query parameter ("any of"): one value or several. */
export function repeatable<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).optional());
}

/** ISO-8601 timestamp with a zone (`2024-01-15T15:00:00.000Z`). */
export const isoTimestampSchema = z.iso.datetime({ offset: true, message: "must be an ISO-8601 timestamp" });

/** A 24-hex id of a top-level record. */
export const recordIdSchema = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hexadecimal id");

/** An http(s) URL; whether it may be called (SSRF) is checked on the server. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http or https URL");

/** The value shown instead of a secret (header values, keys) when a record is read back. */
export const MASKED_SECRET = "********";
