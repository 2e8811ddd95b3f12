// Custom field definitions (spec 01 §1, 07 §2.6).
import { z } from "zod";
import { TYPE_NAMES } from "@/lib/types";
import { queryBooleanSchema, repeatable, searchTextSchema } from "./common";

export const fieldTypeSchema = z.enum(TYPE_NAMES);

/** Lower-case letters, digits, `_` and `.` (grouped fields such as `mortgage.loan.amount`). */
export const fieldIdSchema = z
  .string()
  .trim()
  .min(1, "id is required")
  .max(200)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "must be lower-case letters, digits and underscores, dot-separated");

const editable = {
  name: z.string().trim().min(1, "name is required").max(200),
  type: fieldTypeSchema,
  description: z.string().max(5000).default(""),
  aggregate: z.boolean().default(false),
  deprecated: z.boolean().default(false),
  see: z.string().trim().max(200).nullish(),
};

/** POST /api/fields. The account suffix rule is checked on the server (it depends on the account). */
export const fieldCreateBodySchema = z.object({ id: fieldIdSchema, ...editable });
export type FieldCreateBody = z.infer<typeof fieldCreateBodySchema>;

/** PUT /api/fields/{id}: replaces everything but the id. */
export const fieldUpdateBodySchema = z.object(editable);
export type FieldUpdateBody = z.infer<typeof fieldUpdateBodySchema>;

export const fieldListQuerySchema = z.object({
  standard: queryBooleanSchema.optional(),
  type: repeatable(fieldTypeSchema),
  q: searchTextSchema,
});
export type FieldListQuery = z.infer<typeof fieldListQuerySchema>;
