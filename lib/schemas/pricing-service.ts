// Account-level pricing services (spec 04 §3.2, 07 §2.10b).
import { z } from "zod";
import { httpUrlSchema, pageQuerySchema, searchTextSchema } from "./common";

/** Header values are secrets: read back masked; sending the mask back keeps the stored value. */
const headersSchema = z
  .record(
    z.string().trim().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be a valid HTTP header name"),
    z.string().max(8000),
  )
  .refine((h) => Object.keys(h).length <= 50, "at most 50 headers");

const serviceFields = {
  name: z.string().trim().min(1, "name is required").max(200),
  url: httpUrlSchema,
  headers: headersSchema.default({}),
  timeout_ms: z.number().int().min(100).max(60_000).default(2000),
};

export const pricingServiceCreateBodySchema = z.object(serviceFields);
export type PricingServiceCreateBody = z.infer<typeof pricingServiceCreateBodySchema>;

export const pricingServiceUpdateBodySchema = z.object(serviceFields);
export type PricingServiceUpdateBody = z.infer<typeof pricingServiceUpdateBodySchema>;

export const pricingServiceListQuerySchema = pageQuerySchema.extend({ q: searchTextSchema });
export type PricingServiceListQuery = z.infer<typeof pricingServiceListQuerySchema>;
