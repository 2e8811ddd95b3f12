import type { TestLeadBody } from "@/lib/schemas/replay";
import { ApiError, notFound } from "@/lib/server/errors";
import { newId } from "@/lib/ids";
import { db } from "@/lib/store/prisma";
import { dryRun, dryRunDocument, dryRunResult } from "./dry-run";

/** "What would this lead get?" for data typed or pasted by a person, without side effects. */
export async function testLead(flowId: string, body: TestLeadBody) {
  const flow = await db().flow.findFirst({ where: { id: flowId, deletedAt: null } });
  if (!flow) throw notFound("Flow");
  const { document, version } = await dryRunDocument(flow, body);
  if (!(document.sources ?? []).some((s) => s.entity.id === body.source_id)) {
    throw new ApiError("validation", "The request is not valid", { issues: [{ path: "source_id", message: "is not a source of this flow version" }] });
  }
  const leadId = newId();
  const timestamp = body.timestamp === "now" ? Date.now() : Date.parse(body.timestamp);
  const outcome = await dryRun({ flow, document, version, leadId, sourceEntityId: body.source_id, submitted: body.submitted, timestamp, ip: null, callServices: body.services === "call" });
  return dryRunResult(outcome, { leadId, flowId, version, timestamp, document, differences: {} });
}
