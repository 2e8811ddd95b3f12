// Field definitions (spec 01 §1, 07 §2.6): the standard catalogue (read-only, from lib/types)
// merged with the account's custom fields.
import { db } from "@/lib/store/prisma";
import type { Field } from "@/lib/generated/sqlite/client";
import type { FieldCreateBody, FieldListQuery, FieldUpdateBody } from "@/lib/schemas/field";
import { STANDARD_FIELDS, standardField, type FieldDefinition } from "@/lib/types";
import { ApiError, forbidden, notFound, validationError } from "@/lib/server/errors";
import { accountRecord } from "./account";
import { flowsReferencing } from "./flow-references";
import { isUniqueViolation } from "./prisma-errors";

type FieldResource = {
  id: string;
  name: string;
  type: string;
  description: string;
  standard: boolean;
  aggregate: boolean;
  deprecated: boolean;
  see: string | null;
  created_at: string | null;
  updated_at: string | null;
};

function standardResource(f: FieldDefinition): FieldResource {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    description: f.description ?? "",
    standard: true,
    aggregate: f.aggregate,
    deprecated: f.deprecated ?? false,
    see: f.see ?? null,
    created_at: null,
    updated_at: null,
  };
}

function customResource(f: Field): FieldResource {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    description: f.description,
    standard: false,
    aggregate: f.aggregate,
    deprecated: f.deprecated,
    see: f.see,
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}

/** GET /api/fields: standard then custom fields, not paginated (the catalogue is bounded, 07 §2.6). */
export async function listFields(query: FieldListQuery) {
  const q = query.q?.toLowerCase();
  const keep = (f: FieldResource) =>
    (query.standard === undefined || f.standard === query.standard) &&
    (!query.type?.length || query.type.includes(f.type as never)) &&
    (!q || f.name.toLowerCase().includes(q) || f.id.includes(q));
  const custom = query.standard === true ? [] : await db().field.findMany({ orderBy: { id: "asc" } });
  const data = [...STANDARD_FIELDS.map(standardResource), ...custom.map(customResource)].filter(keep);
  return { data, next_cursor: null };
}

export async function getField(id: string): Promise<FieldResource> {
  const standard = standardField(id);
  if (standard) return standardResource(standard);
  const field = await db().field.findUnique({ where: { id } });
  if (!field) throw notFound("Field");
  return customResource(field);
}

/** POST /api/fields: custom fields only; the id ends with the account suffix and is unique. */
export async function createField(input: FieldCreateBody) {
  const { fieldSuffix } = await accountRecord();
  if (!fieldSuffix) {
    throw validationError([{ path: "id", message: "the account has no custom field suffix yet; set field_suffix with PATCH /api/account" }]);
  }
  if (!input.id.endsWith(`_${fieldSuffix}`) || input.id === `_${fieldSuffix}`) {
    throw validationError([{ path: "id", message: `custom field ids end with the account suffix "_${fieldSuffix}" (e.g. loan_amount_${fieldSuffix})` }]);
  }
  if (standardField(input.id)) throw new ApiError("conflict", `${input.id} is a standard field`);
  try {
    const field = await db().field.create({
      data: {
        id: input.id,
        name: input.name,
        type: input.type,
        description: input.description,
        aggregate: input.aggregate,
        deprecated: input.deprecated,
        see: input.see ?? null,
      },
    });
    return customResource(field);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError("conflict", `A field with id ${input.id} already exists`);
    throw err;
  }
}

async function requireCustomField(id: string): Promise<Field> {
  if (standardField(id)) throw forbidden("Standard fields cannot be changed or deleted");
  const field = await db().field.findUnique({ where: { id } });
  if (!field) throw notFound("Field");
  return field;
}

/** PUT /api/fields/{id}: custom fields only; a new type applies to new leads only. */
export async function updateField(id: string, input: FieldUpdateBody) {
  await requireCustomField(id);
  const field = await db().field.update({
    where: { id },
    data: {
      name: input.name,
      type: input.type,
      description: input.description,
      aggregate: input.aggregate,
      deprecated: input.deprecated,
      see: input.see ?? null,
    },
  });
  return customResource(field);
}

/**
 * DELETE /api/fields/{id}. Flows that still use the field keep working and show the problem in
 * their `errors` (kb): the answer is then 202 with `flow_errors`, otherwise 200.
 */
export async function deleteField(id: string): Promise<{ status: 200 | 202; body: unknown }> {
  const field = await requireCustomField(id);
  const references = await flowsReferencing("field", id);
  await db().field.delete({ where: { id } });
  const resource = customResource(field);
  if (!references.length) return { status: 200, body: resource };
  const flowIds = [...new Set(references.map((r) => r.flow_id))];
  return {
    status: 202,
    body: { ...resource, flow_errors: flowIds.map((flow_id) => ({ flow_id, message: `Field ${id} was deleted but is still used` })) },
  };
}
