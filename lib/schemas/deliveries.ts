import { z } from "zod";

export const DELIVERY_STATUSES = ["sending", "delivered", "rejected", "failed", "retrying", "exhausted", "skipped", "cancelled", "in_doubt"] as const;
export type DeliveryStatusFilter = (typeof DELIVERY_STATUSES)[number];

const many = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

export const deliveriesQuerySchema = z.object({
  status: many.pipe(z.array(z.enum(DELIVERY_STATUSES))).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});
