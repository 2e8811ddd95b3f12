import { db } from "@/lib/store/prisma";
import { notFound } from "@/lib/server/errors";
import type { RequestRecord } from "@/lib/intake";
import { namesFor, type LeadRow } from "./lead-summary";
import { submittedData } from "./submitted-data";

type EventDoc = Record<string, unknown>;

/** One lead with everything support needs to trace it (spec 07 §2.8), events in recorded order. */
export async function readLead(id: string) {
  const lead = (await db().lead.findUnique({ where: { id } })) as unknown as LeadRow | null;
  if (!lead) throw notFound("Lead");
  const events = await db().event.findMany({ where: { leadId: id }, orderBy: { sequence: "asc" } });
  const names = await namesFor([lead]);
  const docs: EventDoc[] = events.map((e) => ({ ...(e.document as EventDoc), id: e.id, sequence: e.sequence }));
  const source = docs.find((d) => d.type === "source");
  const sourceVars = (source?.vars ?? {}) as EventDoc;
  return {
    id: lead.id,
    flow: names.flow(lead.flowId),
    flow_version: lead.flowVersion,
    source: names.source(lead.sourceId),
    submitted_at: lead.receivedAt.toISOString(),
    completed_at: lead.completedAt.toISOString(),
    outcome: lead.outcome,
    reason: lead.reason,
    price: lead.price,
    decided_by: lead.decidedBy,
    test: lead.isTest,
    fields: lead.fields,
    submission: sourceVars.submission ?? null,
    submitted: await submittedData(source?.request as RequestRecord | undefined, lead.fields as Record<string, unknown>),
    vars: source?.final_vars ?? sourceVars,
    request: source?.request ?? null,
    response: source?.response ?? null,
    // The list carries each event without its vars snapshot; /events/{id} returns it whole.
    events: docs.map(({ vars: _vars, ...rest }) => rest),
  };
}

export async function readLeadEvent(leadId: string, eventId: string) {
  const event = await db().event.findFirst({ where: { id: eventId, leadId } });
  if (!event) throw notFound("Event");
  return { ...(event.document as EventDoc), id: event.id, sequence: event.sequence };
}
