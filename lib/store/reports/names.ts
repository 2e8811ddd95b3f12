// Names of the things reports group by, looked up at query time (08 §4.2): entities and flows
// from their tables (deleted ones keep their row, so their last name), steps from the flow's
// versions, newest first, so a step removed from the flow keeps the name it last had.
import { db } from "@/lib/store/prisma";
import type { NameBook } from "./dimensions";

export interface StepInfo {
  id: string;
  type: string;
  name: string | null;
}

type FlowDocumentLike = { steps?: { id?: string; type?: string; description?: string | null; entity?: { name?: string | null } | null }[] };

export function stepsOf(document: unknown): StepInfo[] {
  const steps = (document as FlowDocumentLike | null)?.steps;
  if (!Array.isArray(steps)) return [];
  return steps
    .filter((s) => typeof s?.id === "string")
    .map((s) => ({ id: s.id!, type: String(s.type ?? ""), name: s.description?.trim() || s.entity?.name?.trim() || null }));
}

export interface NameRequest {
  entityIds: Iterable<string>;
  flowIds: Iterable<string>;
  /** flow id → step ids */
  steps: Map<string, Set<string>>;
}

export async function loadNames(request: NameRequest): Promise<NameBook> {
  const entityIds = [...new Set(request.entityIds)];
  const flowIds = [...new Set(request.flowIds)];
  const [entities, flows] = await Promise.all([
    entityIds.length ? db().entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, name: true } }) : [],
    flowIds.length ? db().flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } }) : [],
  ]);
  const entityNames = new Map(entities.map((e) => [e.id, e.name]));
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const steps = new Map<string, StepInfo>();
  for (const [flowId, ids] of request.steps) {
    const wanted = new Set(ids);
    for await (const document of versionsNewestFirst(flowId)) {
      for (const step of stepsOf(document)) {
        if (wanted.delete(step.id)) steps.set(`${flowId}:${step.id}`, step);
      }
      if (!wanted.size) break;
    }
  }
  return {
    entity: (id) => entityNames.get(id) ?? null,
    flow: (id) => flowNames.get(id) ?? null,
    step: (flowId, stepId) => {
      const s = steps.get(`${flowId}:${stepId}`);
      return { name: s?.name ?? null, type: s?.type ?? null };
    },
  };
}

/** A flow's version documents, newest first, read a few at a time (documents can be large). */
export async function* versionsNewestFirst(flowId: string): AsyncGenerator<unknown> {
  let below: number | undefined;
  for (;;) {
    const rows = await db().flowVersion.findMany({
      where: { flowId, ...(below === undefined ? {} : { version: { lt: below } }) },
      orderBy: { version: "desc" },
      take: 5,
      select: { version: true, document: true },
    });
    for (const row of rows) yield row.document;
    if (rows.length < 5) return;
    below = rows[rows.length - 1]!.version;
  }
}
