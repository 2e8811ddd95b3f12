// Users and API tokens (spec 07 §2.3).
import { z } from "zod";
import { ROLES } from "@/lib/server/auth/roles";
import { isoTimestampSchema, pageQuerySchema, repeatable, searchTextSchema } from "./common";

export const roleSchema = z.enum(ROLES);

/** Same minimum as the CLI (`npm run user:create`). */
export const passwordSchema = z.string().min(10, "must have at least 10 characters").max(1000);

export const userCreateBodySchema = z.object({
  email: z.email("must be an e-mail address").trim().toLowerCase().max(320),
  name: z.string().trim().max(200).default(""),
  role: roleSchema,
  password: passwordSchema.optional(),
});
export type UserCreateBody = z.infer<typeof userCreateBodySchema>;

/** PATCH /api/users/{id}: admins may change everything; users themselves only name and password. */
export const userUpdateBodySchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "change at least one of name, role, disabled, password" });
export type UserUpdateBody = z.infer<typeof userUpdateBodySchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  role: repeatable(roleSchema),
  q: searchTextSchema,
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const tokenCreateBodySchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  role: roleSchema,
  expires_at: isoTimestampSchema
    .refine((s) => Date.parse(s) > Date.now(), "must be in the future")
    .nullish(),
});
export type TokenCreateBody = z.infer<typeof tokenCreateBodySchema>;

export const tokenListQuerySchema = pageQuerySchema.extend({ q: searchTextSchema });
export type TokenListQuery = z.infer<typeof tokenListQuerySchema>;
