// Suppression lists (spec 04 §2, 07 §2.7).
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { SuppressionList } from "@/lib/generated/sqlite/client";
import type { SuppressionListCreateBody, SuppressionListQuery, SuppressionListUpdateBody } from "@/lib/schemas/suppression-list";
import { ApiError, notFound } from "@/lib/server/errors";
import { flowsReferencing } from "./flow-references";
import { afterCreatedAt, byCreatedAt, createdAtKey, nameContains, toPage } from "./pagination";
import { isUniqueViolation } from "./prisma-errors";

/**
 * The list's unique `urlName` (LeadConduit's url_name): the name lower-cased with every run of
 * other characters as `_`. It is what makes names unique regardless of case and punctuation.
 */
export function listUrlName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "list";
}

export function listResource(l: SuppressionList) {
  return {
    id: l.id,
    name: l.name,
    url_name: l.urlName,
    kind: l.kind,
    description: l.description,
    item_count: l.itemCount,
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

export async function requireList(id: string): Promise<SuppressionList> {
  const list = await db().suppressionList.findUnique({ where: { id } });
  if (!list) throw notFound("Suppression list");
  return list;
}

const nameTaken = (name: string) => new ApiError("conflict", `A suppression list named "${name}" (or a name differing only in case or punctuation) exists`);

export async function listSuppressionLists(query: SuppressionListQuery) {
  const rows = await db().suppressionList.findMany({
    where: { ...(query.kind?.length ? { kind: { in: query.kind } } : {}), ...nameContains(query.q), ...afterCreatedAt(query.cursor) },
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, createdAtKey, listResource);
}

export async function getSuppressionList(id: string) {
  return listResource(await requireList(id));
}

export async function createSuppressionList(input: SuppressionListCreateBody) {
  try {
    const list = await db().suppressionList.create({
      data: { id: newId(), name: input.name, urlName: listUrlName(input.name), kind: input.kind, description: input.description },
    });
    return listResource(list);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateSuppressionList(id: string, input: SuppressionListUpdateBody) {
  await requireList(id);
  try {
    const list = await db().suppressionList.update({
      where: { id },
      data: { name: input.name, urlName: listUrlName(input.name), kind: input.kind, description: input.description },
    });
    return listResource(list);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

/** DELETE: refused (409) while a latest or deployed flow version checks the list; items go with it. */
export async function deleteSuppressionList(id: string) {
  const list = await requireList(id);
  const references = await flowsReferencing("suppression_list", id);
  if (references.length) {
    throw new ApiError("conflict", `${list.name} is used by ${references.length} flow version(s)`, {
      references: references.map((r) => ({ flow_id: r.flow_id, version: r.version })),
    });
  }
  await db().suppressionList.delete({ where: { id } });
  return listResource(list);
}
