// Entities: the organisations that send and receive leads (spec 07 §2.5).
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { Entity } from "@/lib/generated/sqlite/client";
import type { EntityCreateBody, EntityListQuery, EntityUpdateBody } from "@/lib/schemas/entity";
import { ApiError, notFound } from "@/lib/server/errors";
import { collectReferences } from "./flow-document";
import { flowsReferencing, liveFlowVersions } from "./flow-references";
import { kindOfRoles, kindsWithRole, rolesOfKind } from "./entity-roles";
import { afterCreatedAt, byCreatedAt, createdAtKey, nameContains, toPage } from "./pagination";

type FlowUse = { id: string; name: string; as: "source" | "recipient" };

/** entity id → the flows whose latest or deployed version uses it, and as what. */
async function flowUses(): Promise<Map<string, FlowUse[]>> {
  const uses = new Map<string, FlowUse[]>();
  for (const live of await liveFlowVersions()) {
    for (const ref of collectReferences(live.document)) {
      if (ref.kind !== "entity" || !ref.as) continue;
      const list = uses.get(ref.id) ?? [];
      if (!list.some((u) => u.id === live.flow.id && u.as === ref.as)) list.push({ id: live.flow.id, name: live.flow.name, as: ref.as });
      uses.set(ref.id, list);
    }
  }
  return uses;
}

function entityResource(e: Entity, uses: Map<string, FlowUse[]>) {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    roles: rolesOfKind(e.kind),
    website: e.website,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
    flows: uses.get(e.id) ?? [],
  };
}
export type EntityResource = ReturnType<typeof entityResource>;

export async function requireEntity(id: string): Promise<Entity> {
  const entity = await db().entity.findUnique({ where: { id } });
  if (!entity || entity.deletedAt) throw notFound("Entity");
  return entity;
}

/** GET /api/entities (and the /api/sources, /api/recipients aliases). */
export async function listEntities(query: EntityListQuery) {
  const kinds = query.role?.length ? [...new Set(query.role.flatMap(kindsWithRole))] : undefined;
  const rows = await db().entity.findMany({
    where: { deletedAt: null, ...(kinds ? { kind: { in: kinds } } : {}), ...nameContains(query.q), ...afterCreatedAt(query.cursor) },
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  const uses = await flowUses();
  return toPage(rows, query.limit, createdAtKey, (e) => entityResource(e, uses));
}

export async function getEntity(id: string) {
  return entityResource(await requireEntity(id), await flowUses());
}

export async function createEntity(input: EntityCreateBody) {
  const entity = await db().entity.create({
    data: { id: newId(), name: input.name, description: input.description, kind: kindOfRoles(input.roles), website: input.website ?? null },
  });
  return entityResource(entity, new Map());
}

/** PUT /api/entities/{id}: replaces name, description, roles and website. */
export async function updateEntity(id: string, input: EntityUpdateBody) {
  await requireEntity(id);
  const entity = await db().entity.update({
    where: { id },
    data: { name: input.name, description: input.description, kind: kindOfRoles(input.roles), website: input.website ?? null },
  });
  return entityResource(entity, await flowUses());
}

/** DELETE /api/entities/{id}: soft delete, refused (409) while a latest or deployed flow version uses it. */
export async function deleteEntity(id: string) {
  const entity = await requireEntity(id);
  const references = await flowsReferencing("entity", id);
  if (references.length) {
    throw new ApiError("conflict", `${entity.name} is used by ${references.length} flow version(s); remove it from those flows first`, {
      references: references.map((r) => ({ flow_id: r.flow_id, version: r.version })),
    });
  }
  const deleted = await db().entity.update({ where: { id }, data: { deletedAt: new Date() } });
  // Keys of a deleted entity must stop working at once.
  await db().sourceKey.updateMany({ where: { entityId: id, revokedAt: null }, data: { revokedAt: new Date() } });
  return entityResource(deleted, new Map());
}
