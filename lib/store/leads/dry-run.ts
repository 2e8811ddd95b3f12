import { compileFlow } from "@/lib/engine/compile-flow";
import { processLead } from "@/lib/engine/process-lead";
import type { LeadOutcome } from "@/lib/engine/types";
import { flowDocumentSchema, normalizeFlowDocument, type FlowDocument } from "@/lib/schemas/flow";
import { ApiError, notFound, zodIssues } from "@/lib/server/errors";
import { db } from "@/lib/store/prisma";
import { engineRuntime } from "@/lib/store/intake/intake-service";

type Flow = { id: string; name: string; enabled: boolean; deployedVersion: number | null; latestVersion: number };

/** The flow version a dry run uses: a draft document (validated) or a stored version. */
export async function dryRunDocument(flow: Flow, body: { document?: Record<string, unknown> | null; flow_version: "deployed" | "latest" | number }) {
  if (body.document) {
    const parsed = flowDocumentSchema.safeParse(body.document);
    if (!parsed.success) {
      throw new ApiError("validation", "The draft flow document is not valid", { issues: zodIssues(parsed.error).map((i) => ({ ...i, path: `document.${i.path}` })) });
    }
    return { document: normalizeFlowDocument(parsed.data), version: "draft" as const };
  }
  const wanted = body.flow_version === "deployed" ? flow.deployedVersion : body.flow_version === "latest" ? flow.latestVersion : body.flow_version;
  if (!wanted) throw new ApiError("conflict", "The flow has no deployed version");
  const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: wanted } } });
  if (!row) throw notFound("Flow version");
  return { document: row.document as unknown as FlowDocument, version: wanted };
}

/**
 * One lead through the engine in dry-run mode (spec 07 §2.8): caps and duplicates read only,
 * nothing written, no deliveries, services skipped unless asked. Shared by replay and by testing
 * a pasted lead against a draft.
 */
export async function dryRun(input: {
  flow: Flow;
  document: FlowDocument;
  version: number | "draft";
  leadId: string;
  sourceEntityId: string;
  flowSourceId?: string | null;
  submitted: Record<string, unknown>;
  timestamp: number;
  ip: string | null;
  request?: Record<string, unknown> | null;
  callServices: boolean;
}): Promise<LeadOutcome> {
  const runtime = engineRuntime();
  const fields = await db().field.findMany({ select: { id: true, name: true, type: true } });
  const compiled = compileFlow(input.document, { fields });
  const flowSource = (input.document.sources ?? []).find((s) => s.entity.id === input.sourceEntityId);
  const account = await runtime.account();
  return processLead(
    {
      leadId: input.leadId,
      flowId: input.flow.id,
      flowVersion: typeof input.version === "number" ? input.version : input.flow.latestVersion,
      flowName: input.flow.name,
      flowEnabled: input.flow.enabled,
      account,
      source: { id: flowSource?.id ?? input.flowSourceId ?? "src000", entity: { id: input.sourceEntityId, name: flowSource?.entity.name ?? "" } },
      submission: { timestamp: input.timestamp, ip: input.ip },
      submitted: input.submitted,
      receivedAt: input.timestamp,
      request: input.request ?? null,
    },
    compiled,
    runtime.ports,
    { ...runtime.options, dryRun: true, callServices: input.callServices },
  );
}

const MASKED_TYPES = new Set(["ssn", "credential", "dob"]);

/** The answer shape of replay and test (spec 07 §2.8). */
export function dryRunResult(outcome: LeadOutcome, extra: { leadId: string; flowId: string; version: number | "draft"; timestamp: number; document: FlowDocument; differences: Record<string, [unknown, unknown]> }) {
  const masked = (extra.document.fields ?? []).filter((id) => MASKED_TYPES.has(id));
  return {
    replay: true,
    lead_id: extra.leadId,
    flow_id: extra.flowId,
    flow_version: extra.version,
    timestamp: new Date(extra.timestamp).toISOString(),
    outcome: outcome.outcome,
    reason: outcome.reason,
    price: outcome.price,
    response: { status: 201, content_type: "application/json", body: JSON.stringify(outcome.response) },
    events: outcome.events,
    differences: extra.differences,
    warnings: masked.length ? [`Masked values replayed masked: ${masked.join(", ")}`] : [],
  };
}
