// Entities: sources and recipients (spec 07 §2.5).
import { z } from "zod";
import { pageQuerySchema, repeatable, searchTextSchema } from "./common";

export const ENTITY_ROLES = ["source", "recipient"] as const;
export const entityRoleSchema = z.enum(ENTITY_ROLES);
export type EntityRole = z.infer<typeof entityRoleSchema>;

const entityFields = {
  name: z.string().trim().min(1, "name is required").max(200),
  description: z.string().max(5000).default(""),
  roles: z.array(entityRoleSchema).min(1, "at least one role is required").max(2),
  website: z.string().trim().max(2000).nullish(),
};

/** POST /api/entities. `/api/sources` and `/api/recipients` fill `roles` when it is missing. */
export const entityCreateBodySchema = z.object(entityFields);
export type EntityCreateBody = z.infer<typeof entityCreateBodySchema>;

/** PUT /api/entities/{id}: replaces the editable keys. */
export const entityUpdateBodySchema = z.object(entityFields);
export type EntityUpdateBody = z.infer<typeof entityUpdateBodySchema>;

export const entityListQuerySchema = pageQuerySchema.extend({
  role: repeatable(entityRoleSchema),
  q: searchTextSchema,
});
export type EntityListQuery = z.infer<typeof entityListQuerySchema>;

/** POST /api/entities/{id}/keys: an optional label for the key. */
export const sourceKeyCreateBodySchema = z.object({ name: z.string().trim().max(200).default("") });
export type SourceKeyCreateBody = z.infer<typeof sourceKeyCreateBodySchema>;

/** `/api/sources` and `/api/recipients`: the same body with `roles` preset to that role when missing. */
export function entityCreateBodyFor(role: EntityRole) {
  return entityCreateBodySchema.extend({ roles: entityFields.roles.default([role]) });
}
