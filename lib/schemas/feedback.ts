// Feedback through the admin API (spec 06 §5.6): one report for a lead, and CSV imports.
import { z } from "zod";
import { ID_PATTERN } from "@/lib/ids";

const objectId = z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string().regex(ID_PATTERN, "must be a 24-character hexadecimal id"));

/**
 * POST /api/leads/{id}/feedback. `type` is any text: processing refuses unknown types with a
 * recorded `Invalid feedback type` event, the same as the buyers' endpoint (06 §5.4 step 1).
 */
export const leadFeedbackBodySchema = z.object({
  recipient_event_id: objectId,
  type: z.string().trim().min(1, "type is required").max(100),
  reason: z.string().max(10_000).nullish(),
});
export type LeadFeedbackBody = z.infer<typeof leadFeedbackBodySchema>;

const formBoolean = z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(["true", "false", "1", "0", "yes", "no"]));

/**
 * The fields of POST /api/feedback/imports beside `file` (multipart). Columns are 1-based numbers
 * or, with a header row, header names; without `reason_column` the file has no reasons.
 */
export const feedbackImportFieldsSchema = z.object({
  type: z.enum(["return", "conversion"], { error: "must be return or conversion" }),
  has_header: formBoolean.default("false").transform((v) => v === "true" || v === "1" || v === "yes"),
  event_id_column: z.string().trim().min(1).max(200).default("1"),
  reason_column: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});
export type FeedbackImportFields = z.infer<typeof feedbackImportFieldsSchema>;
