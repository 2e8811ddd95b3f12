import { z } from "zod";

const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Query of GET /api/caps (spec 07 §2.9). */
export const capsQuerySchema = z.object({
  flow_id: many.optional(),
  source_id: many.optional(),
  step_id: many.optional(),
  include_idle: z.enum(["true", "false"]).default("false"),
});
