// Writing flows: create, save a new version, roll back, deploy, rename/enable, delete (spec 07 §2.4).
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { FlowDocument } from "@/lib/schemas/flow";
import type { FlowPatchBody, FlowSaveBody } from "@/lib/schemas/flow-api";
import { ApiError, validationError } from "@/lib/server/errors";
import { sameConfiguration, toStoredDocument } from "./flow-document";
import { flowResource, requireFlow, requireVersion, versionDocument } from "./flows";
import { parseFlowDocument, assertReferences, prepareFlowDocument } from "./validate-flow";

type Actor = { userId: string };

const conflict = (current: number) =>
  new ApiError("version_conflict", `The flow was changed meanwhile: version ${current} is the latest. Reload it and apply your change again.`, {
    current_version: current,
  });

/** POST /api/flows: a new flow at version 1, deployed at once with `?deploy=true`. */
export async function createFlow(input: FlowDocument, options: Actor & { deploy?: boolean; note?: string }) {
  const doc = await prepareFlowDocument(input);
  const flow = await db().flow.create({
    data: {
      id: newId(),
      name: doc.name,
      description: doc.description ?? "",
      enabled: doc.enabled,
      latestVersion: 1,
      deployedVersion: options.deploy ? 1 : null,
      deployedAt: options.deploy ? new Date() : null,
      versions: {
        create: { id: newId(), version: 1, document: toStoredDocument(doc) as object, note: options.note ?? "", createdBy: options.userId },
      },
    },
    include: { versions: true },
  });
  return flowResource(flow, flow.versions[0]);
}

/**
 * Appends version `base + 1` if `base` is still the latest (optimistic concurrency): the guarded
 * update and the insert run in one transaction, so two saves on the same base cannot both win.
 */
async function appendVersion(
  flowId: string,
  base: number,
  doc: FlowDocument,
  options: Actor & { note: string; deploy: boolean; rename?: string; description?: string },
) {
  const next = base + 1;
  await db().$transaction(async (tx) => {
    const updated = await tx.flow.updateMany({
      where: { id: flowId, deletedAt: null, latestVersion: base },
      data: {
        latestVersion: next,
        ...(options.deploy ? { deployedVersion: next, deployedAt: new Date() } : {}),
        ...(options.rename ? { name: options.rename } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
      },
    });
    if (updated.count === 0) {
      const current = await tx.flow.findUnique({ where: { id: flowId } });
      if (!current || current.deletedAt) throw new ApiError("not_found", "Flow not found");
      throw conflict(current.latestVersion);
    }
    await tx.flowVersion.create({
      data: { id: newId(), flowId, version: next, document: toStoredDocument(doc) as object, note: options.note, createdBy: options.userId },
    });
  });
  const flow = await requireFlow(flowId);
  return flowResource(flow, await requireVersion(flowId, next));
}

/** `If-Match: "7"` (or `W/"7"`) as a base version. */
export function versionFromIfMatch(header: string | null): number | undefined {
  const m = header ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * PUT /api/flows/{id}: saves the document as a new version when `version` (or If-Match) is
 * still the latest; 409 `version_conflict` otherwise. An unchanged document makes no version.
 */
export async function saveFlow(id: string, body: FlowSaveBody, options: Actor & { deploy: boolean; ifMatch?: number }) {
  const base = body.version ?? options.ifMatch;
  if (base === undefined) {
    throw validationError([{ path: "version", message: "give the version this document is based on (or an If-Match header)" }]);
  }
  const flow = await requireFlow(id);
  if (base !== flow.latestVersion) throw conflict(flow.latestVersion);
  const { version: _v, message, ...input } = body;
  const doc = await prepareFlowDocument(input as FlowDocument);

  const latest = await requireVersion(id, flow.latestVersion);
  if (sameConfiguration(toStoredDocument(doc), versionDocument(latest))) {
    const updated = await db().flow.update({
      where: { id },
      data: {
        name: doc.name,
        description: doc.description ?? flow.description,
        ...(options.deploy ? { deployedVersion: flow.latestVersion, deployedAt: new Date() } : {}),
      },
    });
    return flowResource(updated, latest);
  }
  return appendVersion(id, base, doc, {
    userId: options.userId,
    note: message ?? "",
    deploy: options.deploy,
    rename: doc.name,
    description: doc.description ?? flow.description,
  });
}

/**
 * POST /api/flows/{id}/rollback: copies an old version forward as the newest one (history stays
 * linear) and deploys it unless `deploy: false`.
 */
export async function rollbackFlow(id: string, input: { version: number; deploy: boolean }, actor: Actor) {
  const flow = await requireFlow(id);
  const old = await requireVersion(id, input.version);
  const doc = parseFlowDocument({ ...versionDocument(old), name: flow.name });
  await assertReferences(doc);
  // The rollback carries no base version of its own: retry when a save slips in between.
  for (let attempt = 0; ; attempt++) {
    const current = await requireFlow(id);
    try {
      return await appendVersion(id, current.latestVersion, doc, { userId: actor.userId, note: `Rollback to version ${input.version}`, deploy: input.deploy });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "version_conflict") || attempt >= 2) throw err;
    }
  }
}

export const DEPLOYED_MESSAGE = "Your flow was deployed and the most recent changes are now live";

/**
 * POST /api/flows/{id}/deploy: makes a version (default: the latest) the one intake runs. The
 * version is validated again against today's fields, entities, lists and services.
 */
export async function deployFlow(id: string, version?: number) {
  const flow = await requireFlow(id);
  const target = version ?? flow.latestVersion;
  const row = await requireVersion(id, target);
  const doc = parseFlowDocument({ ...versionDocument(row), name: flow.name });
  await assertReferences(doc);
  const updated = await db().flow.update({ where: { id }, data: { deployedVersion: target, deployedAt: new Date() } });
  return {
    message: DEPLOYED_MESSAGE,
    id: updated.id,
    version: updated.latestVersion,
    deployed_version: target,
    deployed_at: updated.deployedAt?.toISOString() ?? null,
    has_undeployed_changes: updated.latestVersion !== target,
  };
}

/** PATCH /api/flows/{id}: name and/or enabled, effective at once and not versioned. */
export async function patchFlow(id: string, input: FlowPatchBody) {
  await requireFlow(id);
  const flow = await db().flow.update({
    where: { id },
    data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}) },
  });
  return flowResource(flow, await requireVersion(id, flow.latestVersion));
}

/** DELETE /api/flows/{id}: soft delete; intake answers 404 from then on. Returns the flow as it was. */
export async function deleteFlow(id: string) {
  const flow = await requireFlow(id);
  const resource = await flowResource(flow, await requireVersion(id, flow.latestVersion));
  await db().flow.update({ where: { id }, data: { deletedAt: new Date() } });
  return resource;
}
