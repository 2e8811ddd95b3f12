// GET /api/flows/{id}/export (spec 07 §2.4): the flow document plus stubs of what it refers to.
import { db } from "@/lib/store/prisma";
import type { VersionSelector } from "@/lib/schemas/flow-api";
import { STANDARD_FIELD_IDS } from "@/lib/types";
import { collectReferences } from "./flow-document";
import { requireFlow, requireVersion, selectVersion, versionDocument } from "./flows";
import { rolesOfKind } from "./entity-roles";

export async function exportFlow(id: string, which: VersionSelector) {
  const flow = await requireFlow(id);
  const version = selectVersion(flow, which);
  const doc = versionDocument(await requireVersion(id, version));
  const refs = collectReferences(doc);
  const idsOf = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const client = db();
  const [fields, entities, lists, services] = await Promise.all([
    client.field.findMany({ where: { id: { in: idsOf("field").filter((f) => !STANDARD_FIELD_IDS.has(f)) } }, orderBy: { id: "asc" } }),
    client.entity.findMany({ where: { id: { in: idsOf("entity") } } }),
    client.suppressionList.findMany({ where: { id: { in: idsOf("suppression_list") } } }),
    client.pricingService.findMany({ where: { id: { in: idsOf("pricing_service") } } }),
  ]);
  // Entities keep the order in which the flow names them; the document's label fills in for a deleted one.
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const entityStubs = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const s of doc.sources) entityStubs.set(s.entity.id, { id: s.entity.id, name: entityById.get(s.entity.id)?.name ?? s.entity.name, roles: [] });
  for (const s of doc.steps) {
    if (s.type === "recipient" && s.entity && !entityStubs.has(s.entity.id)) {
      entityStubs.set(s.entity.id, { id: s.entity.id, name: entityById.get(s.entity.id)?.name ?? s.entity.name, roles: [] });
    }
  }
  for (const stub of entityStubs.values()) {
    const e = entityById.get(stub.id);
    stub.roles = e ? rolesOfKind(e.kind) : [...new Set(refs.filter((r) => r.id === stub.id && r.as).map((r) => r.as!))];
  }
  const envelope = {
    leadflow_export: 1,
    exported_at: new Date().toISOString(),
    source_version: version,
    flow: { ...doc, name: flow.name },
    fields: fields.map((f) => ({ id: f.id, name: f.name, type: f.type, description: f.description, aggregate: f.aggregate })),
    entities: [...entityStubs.values()],
    suppression_lists: lists.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
    // Header values are secrets and never travel (07 §2.10b).
    pricing_services: services.map((s) => ({ id: s.id, name: s.name, url: s.url, timeout_ms: s.timeoutMs })),
  };
  return { envelope, filename: `${flow.name.replace(/[\\/"\x00-\x1f]+/g, "_").trim() || "flow"}.leadflow.json` };
}
