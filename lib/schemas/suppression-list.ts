// Suppression lists and their items (spec 04 §2, 07 §2.7).
import { z } from "zod";
import { isoTimestampSchema, pageQuerySchema, queryBooleanSchema, repeatable, searchTextSchema } from "./common";

export const SUPPRESSION_LIST_KINDS = ["dnc", "customer", "custom"] as const;
export const suppressionListKindSchema = z.enum(SUPPRESSION_LIST_KINDS);

const listFields = {
  name: z.string().trim().min(1, "name is required").max(200),
  kind: suppressionListKindSchema.default("custom"),
  description: z.string().max(5000).default(""),
};

export const suppressionListCreateBodySchema = z.object(listFields);
export type SuppressionListCreateBody = z.infer<typeof suppressionListCreateBodySchema>;

export const suppressionListUpdateBodySchema = z.object(listFields);
export type SuppressionListUpdateBody = z.infer<typeof suppressionListUpdateBodySchema>;

export const suppressionListQuerySchema = pageQuerySchema.extend({
  kind: repeatable(suppressionListKindSchema),
  q: searchTextSchema,
});
export type SuppressionListQuery = z.infer<typeof suppressionListQuerySchema>;

/** How item values are cleaned before the usual trim + lower-case (07 §2.7). */
export const NORMALIZE_MODES = ["none", "phone", "email"] as const;
export const normalizeModeSchema = z.enum(NORMALIZE_MODES).default("none");
export type NormalizeMode = (typeof NORMALIZE_MODES)[number];

/** Most values a single add/remove call may carry. */
export const MAX_ITEMS_PER_CALL = 10_000;

const valuesSchema = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .min(1, "give at least one value")
  .max(MAX_ITEMS_PER_CALL, `at most ${MAX_ITEMS_PER_CALL} values per call; upload a CSV for more`);

export const suppressionItemsAddBodySchema = z.object({
  values: valuesSchema,
  normalize: normalizeModeSchema,
  expires_at: isoTimestampSchema.nullish(),
});
export type SuppressionItemsAddBody = z.infer<typeof suppressionItemsAddBodySchema>;

export const suppressionItemsRemoveBodySchema = z.object({
  values: valuesSchema,
  normalize: normalizeModeSchema,
});
export type SuppressionItemsRemoveBody = z.infer<typeof suppressionItemsRemoveBodySchema>;

/** GET …/items: a page (newest first), an exact look-up (`value`) or a prefix search (`prefix`). */
export const suppressionItemsQuerySchema = pageQuerySchema.extend({
  value: z.string().max(1000).optional(),
  prefix: z.string().max(1000).optional(),
  normalize: normalizeModeSchema,
});
export type SuppressionItemsQuery = z.infer<typeof suppressionItemsQuerySchema>;

/** POST …/items/upload query: which column holds the values, whether row 1 is a header. */
export const suppressionUploadQuerySchema = z.object({
  column: z.string().trim().min(1).max(200).default("1"),
  header: queryBooleanSchema.optional(),
  normalize: normalizeModeSchema,
  expires_at: isoTimestampSchema.optional(),
});
export type SuppressionUploadQuery = z.infer<typeof suppressionUploadQuerySchema>;

/** Largest CSV upload (07 §2.2). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
