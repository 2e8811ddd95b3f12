import { z } from "zod";

const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const timeOrDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), "must be an ISO timestamp or a date YYYY-MM-DD");

/** Query of GET /api/leads (spec 07 §2.8). `field.<path>` parameters are read separately. */
export const leadSearchQuerySchema = z.object({
  flow_id: many.optional(),
  source_id: many.optional(),
  recipient_id: many.optional(),
  recipient_outcome: z.enum(["success", "failure", "error", "skip"]).optional(),
  outcome: many.pipe(z.array(z.enum(["success", "failure", "error"]))).optional(),
  start: timeOrDate.optional(),
  end: timeOrDate.optional(),
  reason: z.string().max(500).optional(),
  cap_reached: z.enum(["true", "false"]).optional(),
  rules: z.string().max(20_000).optional(),
  q: z.string().max(500).optional(),
  sort: z.enum(["submitted_at", "price"]).default("submitted_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
  include_total: z.enum(["true", "false"]).optional(),
});
export type LeadSearchQuery = z.infer<typeof leadSearchQuerySchema>;
