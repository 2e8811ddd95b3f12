import { compileFlow } from "@/lib/engine/compile-flow";
import { processLead } from "@/lib/engine/process-lead";
import type { SourceEvent } from "@/lib/engine/types";
import { DEFAULT_INTAKE_LIMITS, parseIntakeRequest, type RequestRecord } from "@/lib/intake";
import { flowDocumentSchema, normalizeFlowDocument, type FlowDocument } from "@/lib/schemas/flow";
import type { ReplayBody } from "@/lib/schemas/replay";
import { ApiError, notFound, zodIssues } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { engineRuntime } from "@/lib/store/intake/intake-service";

const MASKED_TYPES = new Set(["ssn", "credential", "dob"]);

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

  let document: FlowDocument;
  let version: number | "draft";
  if (body.document) {
    const parsed = flowDocumentSchema.safeParse(body.document);
    if (!parsed.success) throw new ApiError("validation", "The draft flow document is not valid", { issues: zodIssues(parsed.error).map((i) => ({ ...i, path: `document.${i.path}` })) });
    document = normalizeFlowDocument(parsed.data);
    version = "draft";
  } else {
    const wanted = body.flow_version === "deployed" ? flow.deployedVersion : body.flow_version === "latest" ? flow.latestVersion : body.flow_version;
    if (!wanted) throw new ApiError("conflict", "The flow has no deployed version");
    const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: wanted } } });
    if (!row) throw notFound("Flow version");
    document = row.document as unknown as FlowDocument;
    version = wanted;
  }
  const runtime = engineRuntime();
  const fields = await db().field.findMany({ select: { id: true, name: true, type: true } });
  const compiled = compileFlow(document, { fields });

  const submitted = await submittedData(sourceEvent?.request as RequestRecord | undefined, lead.fields as Record<string, unknown>);
  const timestamp = body.timestamp === "now" ? Date.now() : body.timestamp === "original" ? lead.receivedAt.getTime() : Date.parse(body.timestamp);
  const flowSource = (document.sources ?? []).find((s) => s.entity.id === lead.sourceId);
  const account = await db().account.findFirst();
  const outcome = await processLead(
    {
      leadId,
      flowId: flow.id,
      flowVersion: typeof version === "number" ? version : flow.latestVersion,
      flowName: flow.name,
      flowEnabled: flow.enabled,
      account: { id: account?.id ?? "000000000000000000000001", name: account?.name ?? "Leadflow", time_zone: account?.timeZone ?? "America/Chicago", retention_days: account?.retentionDays ?? 90 },
      source: { id: flowSource?.id ?? lead.flowSourceId ?? "src000", entity: { id: lead.sourceId, name: flowSource?.entity.name ?? "" } },
      submission: { timestamp, ip: (sourceEvent?.vars as { submission?: { ip?: string } } | undefined)?.submission?.ip ?? null },
      submitted,
      receivedAt: timestamp,
      request: sourceEvent?.request ?? null,
    },
    compiled,
    runtime.ports,
    { ...runtime.options, dryRun: true, callServices: body.services === "call" },
  );

  const responseBody = JSON.stringify(outcome.response);
  const differences: Record<string, [unknown, unknown]> = {};
  if (lead.outcome !== outcome.outcome) differences.outcome = [lead.outcome, outcome.outcome];
  if ((lead.reason ?? null) !== (outcome.reason ?? null)) differences.reason = [lead.reason, outcome.reason];
  if (lead.price !== outcome.price) differences.price = [lead.price, outcome.price];
  const maskedFields = (document.fields ?? []).filter((id) => MASKED_TYPES.has(id));
  return {
    replay: true,
    lead_id: leadId,
    flow_id: flow.id,
    flow_version: version,
    timestamp: new Date(timestamp).toISOString(),
    outcome: outcome.outcome,
    reason: outcome.reason,
    price: outcome.price,
    response: { status: 201, content_type: "application/json", body: responseBody },
    events: outcome.events,
    differences,
    warnings: maskedFields.length ? [`Masked values replayed masked: ${maskedFields.join(", ")}`] : [],
  };
}

/** The submitted data, re-parsed from the stored request exactly as intake parsed it. */
async function submittedData(record: RequestRecord | undefined, fields: Record<string, unknown>) {
  if (record?.uri) {
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(record.headers ?? {})) if (!/^(content-length|transfer-encoding|host)$/i.test(k)) headers.set(k, v);
      headers.set("accept", "application/json");
      // Intake reads a POST body only when its length is announced, as a real request does.
      if (record.body !== null) headers.set("content-length", String(Buffer.byteLength(record.body)));
      const request = new Request(record.uri, { method: record.method, headers, body: record.method === "GET" ? undefined : (record.body ?? "") });
      return (await parseIntakeRequest(request, DEFAULT_INTAKE_LIMITS)).data;
    } catch {
      /* fall back to the stored field values */
    }
  }
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) data[k] = v && typeof v === "object" && "raw" in v ? (v as { raw: unknown }).raw : v;
  return data;
}
