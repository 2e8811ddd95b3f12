import type { SourceEvent } from "@/lib/engine/types";
import type { RequestRecord } from "@/lib/intake";
import type { ReplayBody } from "@/lib/schemas/replay";
import { notFound } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { dryRun, dryRunDocument, dryRunResult } from "./dry-run";
import { submittedData } from "./submitted-data";

/**
 * "What would happen now?" (spec 07 §2.8): re-runs a stored lead's submission through the engine
 * against the deployed, latest, a numbered or a draft flow version, with the engine's dry-run
 * mode: caps and duplicates read only, nothing written, no deliveries.
 */
export async function replayLead(leadId: string, body: ReplayBody) {
  const lead = await db().lead.findUnique({ where: { id: leadId } });
  if (!lead) throw notFound("Lead");
  const flow = await db().flow.findUnique({ where: { id: lead.flowId } });
  if (!flow) throw notFound("Flow");
  const sourceEventRow = await db().event.findFirst({ where: { leadId, type: "source" } });
  const sourceEvent = (sourceEventRow?.document ?? null) as SourceEvent | null;
  const { document, version } = await dryRunDocument(flow, body);
  const timestamp = body.timestamp === "now" ? Date.now() : body.timestamp === "original" ? lead.receivedAt.getTime() : Date.parse(body.timestamp);
  const outcome = await dryRun({
    flow,
    document,
    version,
    leadId,
    sourceEntityId: lead.sourceId,
    flowSourceId: lead.flowSourceId,
    submitted: await submittedData(sourceEvent?.request as RequestRecord | undefined, lead.fields as Record<string, unknown>),
    timestamp,
    ip: (sourceEvent?.vars as { submission?: { ip?: string } } | undefined)?.submission?.ip ?? null,
    request: sourceEvent?.request ?? null,
    callServices: body.services === "call",
  });
  const differences: Record<string, [unknown, unknown]> = {};
  if (lead.outcome !== outcome.outcome) differences.outcome = [lead.outcome, outcome.outcome];
  if ((lead.reason ?? null) !== (outcome.reason ?? null)) differences.reason = [lead.reason, outcome.reason];
  if (lead.price !== outcome.price) differences.price = [lead.price, outcome.price];
  return dryRunResult(outcome, { leadId, flowId: flow.id, version, timestamp, document, differences });
}
