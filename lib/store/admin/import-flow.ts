// POST /api/flows/import (spec 07 §2.4): an export envelope or a bare LeadConduit flow becomes a
// new flow at version 1. References are resolved by id, else by exact name, else created.
import { db } from "@/lib/store/prisma";
import { newId } from "@/lib/ids";
import type { FlowDocument } from "@/lib/schemas/flow";
import { flowExportEnvelopeSchema, type FlowExportEnvelope } from "@/lib/schemas/flow-api";
import { TYPE_NAMES, STANDARD_FIELD_IDS } from "@/lib/types";
import { validationError, zodIssues, type Issue } from "@/lib/server/errors";
import { collectReferences, recipientUrls, toStoredDocument } from "./flow-document";
import { flowResource } from "./flows";
import { kindOfRoles } from "./entity-roles";
import { outboundUrlProblem } from "./outbound-url";
import { listUrlName } from "./suppression-lists";
import { parseFlowDocument, prepareFlowDocument } from "./validate-flow";

/** LeadConduit's module ids for the custom outbound integrations are aliases of ours (05 §3.2). */
function aliasModuleIds(flow: Record<string, unknown>): void {
  if (!Array.isArray(flow.steps)) return;
  for (const step of flow.steps as Array<{ integration?: { module_id?: unknown } }>) {
    const id = step?.integration?.module_id;
    if (typeof id === "string") {
      const m = /^leadconduit-custom\.outbound\.(json|form|xml|query)$/.exec(id);
      if (m) step.integration!.module_id = `custom.outbound.${m[1]}`;
    }
  }
}

/** LeadConduit flow keys Leadflow has no equivalent for: dropped with a warning each (07 §2.4). */
const DROPPED_KEYS = ["firehose", "destinations", "list_checks", "routers"] as const;

type Created = { fields: string[]; entities: Array<{ id: string; name: string }>; suppression_lists: Array<{ id: string; name: string }>; pricing_services: Array<{ id: string; name: string }> };

type Plan = {
  fields: Array<{ id: string; name: string; type: string; description: string; aggregate: boolean }>;
  entities: Array<{ id: string; name: string; kind: string }>;
  lists: Array<{ id: string; name: string; urlName: string; kind: string }>;
  services: Array<{ id: string; name: string; url: string; timeoutMs: number }>;
  /** old id → id the imported flow will use */
  remap: Map<string, string>;
};

function readInput(body: Record<string, unknown>): { flow: Record<string, unknown>; envelope: FlowExportEnvelope | null; prefix: string } {
  if (!("leadflow_export" in body)) return { flow: { ...body }, envelope: null, prefix: "" };
  const parsed = flowExportEnvelopeSchema.safeParse(body);
  if (!parsed.success) throw validationError(zodIssues(parsed.error), "The export document is not valid");
  return { flow: { ...parsed.data.flow }, envelope: parsed.data, prefix: "flow" };
}

/** An id for a record to create: the exported one when it is free, so URLs naming it keep working. */
async function freeId(taken: (id: string) => Promise<unknown>, id: string): Promise<string> {
  return /^[0-9a-f]{24}$/.test(id) && !(await taken(id)) ? id : newId();
}

async function planReferences(doc: FlowDocument, envelope: FlowExportEnvelope | null, warnings: string[]): Promise<Plan> {
  const client = db();
  const plan: Plan = { fields: [], entities: [], lists: [], services: [], remap: new Map() };
  const refs = collectReferences(doc);
  const issues: Issue[] = [];

  // Custom fields: by id; a same-id field of another type is an error; missing ones are created.
  const exported = new Map((envelope?.fields ?? []).map((f) => [f.id, f]));
  const fieldIds = [...new Set([...exported.keys(), ...refs.filter((r) => r.kind === "field").map((r) => r.id)])].filter((id) => !STANDARD_FIELD_IDS.has(id));
  const existingFields = new Map((await client.field.findMany({ where: { id: { in: fieldIds } } })).map((f) => [f.id, f]));
  (envelope?.fields ?? []).forEach((f, i) => {
    if (!(TYPE_NAMES as readonly string[]).includes(f.type)) issues.push({ path: `fields.${i}.type`, message: `unknown type "${f.type}"` });
    const have = existingFields.get(f.id);
    if (have && have.type !== f.type) issues.push({ path: `fields.${i}.type`, message: `field ${f.id} already exists with type ${have.type}` });
  });
  for (const id of fieldIds) {
    if (existingFields.has(id)) continue;
    const f = exported.get(id);
    if (!f) warnings.push(`Field ${id} was not defined in the import; it was created with type string`);
    plan.fields.push({ id, name: f?.name || id, type: f?.type ?? "string", description: f?.description ?? "", aggregate: f?.aggregate ?? false });
  }

  // Entities: by id, else by exact name, else created (keeping the exported id when free).
  const entityRefs = refs.filter((r) => r.kind === "entity");
  const docNames = new Map<string, string>();
  doc.sources.forEach((s) => docNames.set(s.entity.id, s.entity.name));
  doc.steps.forEach((s) => s.type === "recipient" && s.entity && docNames.set(s.entity.id, s.entity.name));
  for (const id of new Set(entityRefs.map((r) => r.id))) {
    const byId = await client.entity.findFirst({ where: { id, deletedAt: null } });
    if (byId) continue;
    const stub = envelope?.entities.find((e) => e.id === id);
    const name = stub?.name || docNames.get(id) || `Imported entity ${id}`;
    const byName = await client.entity.findFirst({ where: { name, deletedAt: null }, orderBy: { createdAt: "asc" } });
    if (byName) {
      plan.remap.set(id, byName.id);
      continue;
    }
    const roles = stub?.roles.length ? stub.roles : entityRefs.filter((r) => r.id === id).map((r) => r.as!);
    const newEntityId = await freeId((x) => client.entity.findUnique({ where: { id: x } }), id);
    plan.remap.set(id, newEntityId);
    plan.entities.push({ id: newEntityId, name, kind: kindOfRoles(roles) });
  }

  // Suppression lists: by id, else by exact name, else created empty.
  const listKinds = new Map<string, string>();
  doc.suppression?.lists.forEach((l) => l.list_ids.forEach((id) => listKinds.set(id, l.kind)));
  for (const id of new Set(refs.filter((r) => r.kind === "suppression_list").map((r) => r.id))) {
    if (await client.suppressionList.findUnique({ where: { id } })) continue;
    const stub = envelope?.suppression_lists.find((l) => l.id === id);
    const name = stub?.name || `Imported list ${id}`;
    const byName = await client.suppressionList.findFirst({ where: { name } });
    if (byName) {
      plan.remap.set(id, byName.id);
      continue;
    }
    let urlName = listUrlName(name);
    for (let n = 2; (await client.suppressionList.findUnique({ where: { urlName } })) || plan.lists.some((l) => l.urlName === urlName); n++) {
      urlName = `${listUrlName(name)}_${n}`;
    }
    const newListId = await freeId((x) => client.suppressionList.findUnique({ where: { id: x } }), id);
    plan.remap.set(id, newListId);
    const kind = stub?.kind && ["dnc", "customer", "custom"].includes(stub.kind) ? stub.kind : (listKinds.get(id) ?? "custom");
    plan.lists.push({ id: newListId, name, urlName, kind });
  }

  // Pricing services: by id, else by exact name, else created from the export's stub.
  for (const id of new Set(refs.filter((r) => r.kind === "pricing_service").map((r) => r.id))) {
    if (await client.pricingService.findUnique({ where: { id } })) continue;
    const index = envelope?.pricing_services.findIndex((s) => s.id === id) ?? -1;
    const stub = index >= 0 ? envelope!.pricing_services[index] : undefined;
    const byName = stub?.name ? await client.pricingService.findFirst({ where: { name: stub.name } }) : null;
    if (byName) {
      plan.remap.set(id, byName.id);
      continue;
    }
    const problem = stub ? outboundUrlProblem(stub.url) : "the import does not describe this pricing service";
    if (problem) {
      const path = stub ? `pricing_services.${index}.url` : refs.find((r) => r.id === id)!.path;
      issues.push({ path, message: problem });
      continue;
    }
    const newServiceId = await freeId((x) => client.pricingService.findUnique({ where: { id: x } }), id);
    plan.remap.set(id, newServiceId);
    plan.services.push({ id: newServiceId, name: stub!.name || `Imported pricing service ${id}`, url: stub!.url, timeoutMs: stub!.timeout_ms ?? 2000 });
  }

  if (issues.length) throw validationError(issues, "The import refers to records that conflict with this installation");
  return plan;
}

/** The document with every remapped id replaced. */
function remapDocument(doc: FlowDocument, remap: Map<string, string>): FlowDocument {
  if (!remap.size) return doc;
  const to = (id: string) => remap.get(id) ?? id;
  const service = <T extends { service_id: string } | null | undefined>(p: T): T => (p ? { ...p, service_id: to(p.service_id) } : p);
  return {
    ...doc,
    pricing_service: service(doc.pricing_service),
    suppression: doc.suppression ? { ...doc.suppression, lists: doc.suppression.lists.map((l) => ({ ...l, list_ids: l.list_ids.map(to) })) } : doc.suppression,
    sources: doc.sources.map((s) => ({ ...s, entity: { ...s.entity, id: to(s.entity.id) }, pricing_service: service(s.pricing_service) })),
    steps: doc.steps.map((s) => (s.type === "recipient" && s.entity ? { ...s, entity: { ...s.entity, id: to(s.entity.id) } } : s)),
  };
}

export async function importFlow(body: Record<string, unknown>, options: { userId: string; deploy: boolean }) {
  const warnings: string[] = [];
  const { flow: input, envelope, prefix } = readInput(body);
  for (const key of DROPPED_KEYS) {
    if (key in input) {
      delete input[key];
      warnings.push(`"${key}" is not supported by Leadflow and was dropped`);
    }
  }
  delete input.id;
  aliasModuleIds(input);
  const parsed = parseFlowDocument(input, prefix);
  // URLs are checked before anything is created, so a refused import leaves nothing behind.
  const urlIssues = recipientUrls(parsed).flatMap(({ url, path }) => {
    const problem = outboundUrlProblem(url);
    return problem ? [{ path: prefix ? `${prefix}.${path}` : path, message: problem }] : [];
  });
  if (urlIssues.length) throw validationError(urlIssues, "The flow document is not valid");

  const plan = await planReferences(parsed, envelope, warnings);
  const client = db();
  const flowId = newId();
  await client.$transaction(async (tx) => {
    for (const f of plan.fields) await tx.field.create({ data: f });
    for (const e of plan.entities) await tx.entity.create({ data: e });
    for (const l of plan.lists) await tx.suppressionList.create({ data: l });
    for (const s of plan.services) await tx.pricingService.create({ data: s });
  });
  let doc: FlowDocument;
  try {
    doc = await prepareFlowDocument(remapDocument(parsed, plan.remap), prefix);
  } catch (err) {
    await client.$transaction(async (tx) => {
      await tx.field.deleteMany({ where: { id: { in: plan.fields.map((f) => f.id) } } });
      await tx.entity.deleteMany({ where: { id: { in: plan.entities.map((e) => e.id) } } });
      await tx.suppressionList.deleteMany({ where: { id: { in: plan.lists.map((l) => l.id) } } });
      await tx.pricingService.deleteMany({ where: { id: { in: plan.services.map((s) => s.id) } } });
    });
    throw err;
  }
  const flow = await client.flow.create({
    data: {
      id: flowId,
      name: doc.name,
      description: doc.description ?? "",
      enabled: true,
      latestVersion: 1,
      deployedVersion: options.deploy ? 1 : null,
      deployedAt: options.deploy ? new Date() : null,
      versions: {
        create: {
          id: newId(),
          version: 1,
          document: toStoredDocument(doc) as object,
          note: envelope?.source_version ? `Imported (exported version ${envelope.source_version})` : "Imported",
          createdBy: options.userId,
        },
      },
    },
    include: { versions: true },
  });
  const created: Created = {
    fields: plan.fields.map((f) => f.id),
    entities: plan.entities.map((e) => ({ id: e.id, name: e.name })),
    suppression_lists: plan.lists.map((l) => ({ id: l.id, name: l.name })),
    pricing_services: plan.services.map((s) => ({ id: s.id, name: s.name })),
  };
  return { ...(await flowResource(flow, flow.versions[0])), import_report: { created, warnings } };
}
