// What flows refer to, checked against the database: save-time validation (spec 07 §2.4), the
// `errors` a flow shows after a referenced record is deleted, and "still used" checks on deletes.
import { db } from "@/lib/store/prisma";
import { STANDARD_FIELD_IDS } from "@/lib/types";
import type { Issue } from "@/lib/server/errors";
import { collectReferences, recipientUrls, type Reference, type ReferenceKind } from "./flow-document";
import { outboundUrlProblem } from "./outbound-url";

const LABEL: Record<ReferenceKind, string> = {
  field: "Field",
  entity: "Entity",
  suppression_list: "Suppression list",
  pricing_service: "Pricing service",
};

/** Which of the referenced ids exist, per kind (one query per kind). */
async function existingIds(refs: Reference[]): Promise<Record<ReferenceKind, Set<string>>> {
  const ids = (kind: ReferenceKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const fieldIds = ids("field").filter((id) => !STANDARD_FIELD_IDS.has(id));
  const client = db();
  const [fields, entities, lists, services] = await Promise.all([
    fieldIds.length ? client.field.findMany({ where: { id: { in: fieldIds } }, select: { id: true } }) : [],
    ids("entity").length ? client.entity.findMany({ where: { id: { in: ids("entity") }, deletedAt: null }, select: { id: true } }) : [],
    ids("suppression_list").length ? client.suppressionList.findMany({ where: { id: { in: ids("suppression_list") } }, select: { id: true } }) : [],
    ids("pricing_service").length ? client.pricingService.findMany({ where: { id: { in: ids("pricing_service") } }, select: { id: true } }) : [],
  ]);
  const set = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
  return {
    field: new Set([...STANDARD_FIELD_IDS, ...fields.map((f) => f.id)]),
    entity: set(entities),
    suppression_list: set(lists),
    pricing_service: set(services),
  };
}

/**
 * Problems with what a document refers to. `when: "save"` words them for a 422 on save or
 * deploy; `"read"` for the `errors` a stored flow shows once a record it uses was deleted.
 */
export async function referenceIssues(document: unknown, when: "save" | "read" = "save"): Promise<Issue[]> {
  const refs = collectReferences(document);
  const existing = await existingIds(refs);
  const issues: Issue[] = refs
    .filter((r) => !existing[r.kind].has(r.id))
    .map((r) => ({
      path: r.path,
      message: when === "save" ? `Unknown ${LABEL[r.kind].toLowerCase()} "${r.id}"` : `${LABEL[r.kind]} ${r.id} was deleted but is still used`,
    }));
  if (when === "save") {
    for (const { url, path } of recipientUrls(document)) {
      const problem = outboundUrlProblem(url);
      if (problem) issues.push({ path, message: problem });
    }
  }
  return issues;
}

export type LiveVersion = {
  flow: { id: string; name: string; latestVersion: number; deployedVersion: number | null };
  version: number;
  document: unknown;
};

/** The latest and the deployed version of every flow that is not deleted: what "in use" means (07 §2.5). */
export async function liveFlowVersions(): Promise<LiveVersion[]> {
  const client = db();
  const flows = await client.flow.findMany({
    where: { deletedAt: null },
    select: { id: true, name: true, latestVersion: true, deployedVersion: true },
  });
  const byId = new Map(flows.map((f) => [f.id, f]));
  const pairs = flows.flatMap((f) => {
    const versions = new Set([f.latestVersion, f.deployedVersion].filter((v): v is number => typeof v === "number" && v > 0));
    return [...versions].map((version) => ({ flowId: f.id, version }));
  });
  const out: LiveVersion[] = [];
  // OR lists are chunked to stay far below the databases' bound-parameter limits.
  for (let i = 0; i < pairs.length; i += 400) {
    const rows = await client.flowVersion.findMany({
      where: { OR: pairs.slice(i, i + 400) },
      select: { flowId: true, version: true, document: true },
    });
    for (const row of rows) out.push({ flow: byId.get(row.flowId)!, version: row.version, document: row.document });
  }
  return out;
}

/** `[{flow_id, version}]` of live versions that refer to a record; empty when it may be deleted. */
export async function flowsReferencing(kind: ReferenceKind, id: string): Promise<Array<{ flow_id: string; name: string; version: number }>> {
  const live = await liveFlowVersions();
  return live
    .filter((v) => collectReferences(v.document).some((r) => r.kind === kind && r.id === id))
    .map((v) => ({ flow_id: v.flow.id, name: v.flow.name, version: v.version }))
    .sort((a, b) => a.flow_id.localeCompare(b.flow_id) || a.version - b.version);
}
