import { db } from "@/lib/store/prisma";
import { normalOf } from "./lead-values";

export type LeadRow = {
  id: string;
  flowId: string;
  flowVersion: number;
  sourceId: string;
  outcome: string;
  reason: string | null;
  price: number;
  decidedBy: string | null;
  receivedAt: Date;
  completedAt: Date;
  fields: unknown;
  isTest: boolean;
};

const SUMMARY_FIELDS = ["first_name", "last_name", "email", "phone_1", "state", "postal_code", "reference"];

/** Flow and entity names for a set of leads, in two queries. */
export async function namesFor(rows: { flowId: string; sourceId: string }[]) {
  const flowIds = [...new Set(rows.map((r) => r.flowId))];
  const entityIds = [...new Set(rows.map((r) => r.sourceId))];
  const [flows, entities] = await Promise.all([
    flowIds.length ? db().flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } }) : [],
    entityIds.length ? db().entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    flow: (id: string) => ({ id, name: flows.find((f) => f.id === id)?.name ?? null }),
    source: (id: string) => ({ id, name: entities.find((e) => e.id === id)?.name ?? null }),
  };
}

/** The search-hit shape of spec 07 §2.8. */
export async function toLeadSummary(rows: LeadRow[]) {
  const names = await namesFor(rows);
  return rows.map((row) => {
    const fields = (row.fields ?? {}) as Record<string, unknown>;
    const summary: Record<string, unknown> = {
      id: row.id,
      flow: names.flow(row.flowId),
      flow_version: row.flowVersion,
      source: names.source(row.sourceId),
      submitted_at: row.receivedAt.toISOString(),
      outcome: row.outcome,
      reason: row.reason,
      price: row.price,
    };
    for (const f of SUMMARY_FIELDS) summary[f] = normalOf(fields[f]) ?? null;
    summary.test = row.isTest;
    return summary;
  });
}
