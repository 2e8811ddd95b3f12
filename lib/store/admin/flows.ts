// Reading flows and their versions (spec 07 §2.4), and the deployed flow for intake.
import { db } from "@/lib/store/prisma";
import type { Flow, FlowVersion } from "@/lib/generated/sqlite/client";
import { flowDocumentSchema, type FlowDocument } from "@/lib/schemas/flow";
import type { FlowListQuery, VersionSelector } from "@/lib/schemas/flow-api";
import { ApiError, notFound, zodIssues, type Issue } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { collectReferences, diffDocuments, documentSummary, type StoredDocument } from "./flow-document";
import { liveFlowVersions, referenceIssues } from "./flow-references";
import { afterCreatedAt, byCreatedAt, createdAtKey, decodeCursor, nameContains, toPage, type Page } from "./pagination";

// ---------------------------------------------------------------------------------------------
// Documents of versions: immutable, so parsed once per process.

const documentCache = new Map<string, StoredDocument>();
/** Schema issues of stored versions that no longer parse, by the same key. */
const documentIssues = new Map<string, Issue[]>();
const CACHE_LIMIT = 500;

/**
 * A stored version document with the schema's defaults applied. Versions never change, so the
 * parse is cached by flow id and version; a document that no longer parses (the schema grew
 * stricter) is returned as stored and shows up in the flow's `errors` instead.
 */
export function versionDocument(row: Pick<FlowVersion, "flowId" | "version" | "document">): StoredDocument {
  const key = `${row.flowId}:${row.version}`;
  const cached = documentCache.get(key);
  if (cached) return cached;
  const parsed = flowDocumentSchema.safeParse(row.document);
  if (!parsed.success) {
    logger.warn({ flowId: row.flowId, version: row.version }, "stored flow version no longer matches the schema");
    documentIssues.set(key, zodIssues(parsed.error));
  }
  const { id: _id, enabled: _enabled, ...doc } = (parsed.success ? parsed.data : row.document) as FlowDocument;
  if (documentCache.size >= CACHE_LIMIT) {
    const oldest = documentCache.keys().next().value!;
    documentCache.delete(oldest);
    documentIssues.delete(oldest);
  }
  documentCache.set(key, doc);
  return doc;
}

export type DeployedFlow = { flow: Flow; version: number; document: FlowDocument };

/**
 * The flow intake must run for `flowId` (spec 07 §1.2 row 1): its record (read fresh, so
 * `enabled` acts at once, 07 §2.4) and the deployed version's document with `id`, `name` and
 * `enabled` filled from the record. Null when the flow is unknown, deleted or never deployed.
 * One indexed read per call once the version's document is cached.
 */
export async function getDeployedFlow(flowId: string): Promise<DeployedFlow | null> {
  const flow = await db().flow.findUnique({ where: { id: flowId } });
  if (!flow || flow.deletedAt || flow.deployedVersion === null) return null;
  const version = flow.deployedVersion;
  let doc = documentCache.get(`${flow.id}:${version}`);
  if (!doc) {
    const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
    if (!row) return null;
    doc = versionDocument(row);
  }
  return { flow, version, document: { ...doc, id: flow.id, name: flow.name, enabled: flow.enabled } as FlowDocument };
}

// ---------------------------------------------------------------------------------------------
// Records and resources

/** The flow record, or 404 when it is unknown or deleted. */
export async function requireFlow(id: string): Promise<Flow> {
  const flow = await db().flow.findUnique({ where: { id } });
  if (!flow || flow.deletedAt) throw notFound("Flow");
  return flow;
}

export async function requireVersion(flowId: string, version: number): Promise<FlowVersion> {
  const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
  if (!row) throw new ApiError("not_found", `Flow version ${version} not found`);
  return row;
}

/** Which version number a `?version=` selector names; 404 when there is none. */
export function selectVersion(flow: Flow, which: VersionSelector): number {
  if (which === "latest") return flow.latestVersion;
  if (which === "deployed") {
    if (flow.deployedVersion === null) throw new ApiError("not_found", "This flow has no deployed version");
    return flow.deployedVersion;
  }
  if (which > flow.latestVersion) throw new ApiError("not_found", `Flow version ${which} not found`);
  return which;
}

function flowMeta(flow: Flow) {
  return {
    id: flow.id,
    name: flow.name,
    enabled: flow.enabled,
    version: flow.latestVersion,
    deployed_version: flow.deployedVersion,
    has_undeployed_changes: flow.deployedVersion !== flow.latestVersion,
    created_at: flow.createdAt.toISOString(),
    updated_at: flow.updatedAt.toISOString(),
    deployed_at: flow.deployedAt?.toISOString() ?? null,
  };
}

/** The flow resource of 07 §2.4: record metadata, `errors`, then the version's document keys. */
export async function flowResource(flow: Flow, row: FlowVersion) {
  const doc = versionDocument(row);
  const { name: _name, description: _d, ...rest } = doc;
  const errors: Issue[] = [...(documentIssues.get(`${row.flowId}:${row.version}`) ?? []), ...(await referenceIssues(doc, "read"))];
  return {
    ...flowMeta(flow),
    version: row.version,
    errors: errors.length ? errors : null,
    description: flow.description,
    ...rest,
  };
}

/** GET /api/flows/{id}: the latest version, or the one `?version=` names. */
export async function getFlow(id: string, which: VersionSelector = "latest") {
  const flow = await requireFlow(id);
  const row = await requireVersion(flow.id, selectVersion(flow, which));
  return flowResource(flow, row);
}

export type FlowSummary = ReturnType<typeof flowMeta> & { source_count: number; step_count: number };

/** GET /api/flows: summaries, oldest first; `enabled`, `q` and `source_id` filters. */
export async function listFlows(query: FlowListQuery): Promise<Page<FlowSummary>> {
  let ids: string[] | undefined;
  if (query.source_id) {
    const live = await liveFlowVersions();
    ids = [...new Set(live.filter((v) => collectReferences(v.document).some((r) => r.as === "source" && r.id === query.source_id)).map((v) => v.flow.id))];
  }
  const flows = await db().flow.findMany({
    where: {
      deletedAt: null,
      ...(query.enabled === undefined ? {} : { enabled: query.enabled }),
      ...nameContains(query.q),
      ...(ids ? { id: { in: ids } } : {}),
      ...afterCreatedAt(query.cursor),
    },
    orderBy: byCreatedAt,
    take: query.limit + 1,
  });
  const shown = flows.slice(0, query.limit);
  const versions = shown.length
    ? await db().flowVersion.findMany({
        where: { OR: shown.map((f) => ({ flowId: f.id, version: f.latestVersion })) },
        select: { flowId: true, document: true },
      })
    : [];
  const summaries = new Map(versions.map((v) => [v.flowId, documentSummary(v.document)]));
  return toPage(flows, query.limit, createdAtKey, (f) => {
    const s = summaries.get(f.id) ?? { sources: 0, steps: 0 };
    return { ...flowMeta(f), source_count: s.sources, step_count: s.steps };
  });
}

// ---------------------------------------------------------------------------------------------
// Versions

async function creators(rows: FlowVersion[]) {
  const ids = [...new Set(rows.map((r) => r.createdBy).filter((v): v is string => !!v))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name || u.email }]));
}

function versionMeta(flow: Flow, row: FlowVersion, users: Map<string, { id: string; name: string }>) {
  return {
    version: row.version,
    created_at: row.createdAt.toISOString(),
    created_by: row.createdBy ? (users.get(row.createdBy) ?? { id: row.createdBy, name: "" }) : null,
    message: row.note,
    deployed: flow.deployedVersion === row.version,
    deployed_at: flow.deployedVersion === row.version ? (flow.deployedAt?.toISOString() ?? null) : null,
    summary: documentSummary(row.document),
  };
}

/** GET /api/flows/{id}/versions: newest first. */
export async function listFlowVersions(id: string, query: { limit: number; cursor?: string }) {
  const flow = await requireFlow(id);
  const cursor = decodeCursor(query.cursor, ["number"]);
  const rows = await db().flowVersion.findMany({
    where: { flowId: id, ...(cursor ? { version: { lt: cursor[0] as number } } : {}) },
    orderBy: { version: "desc" },
    take: query.limit + 1,
  });
  const users = await creators(rows);
  return toPage(rows, query.limit, (r) => [r.version], (r) => versionMeta(flow, r, users));
}

/** GET /api/flows/{id}/versions/{n}: the version's metadata and its document. */
export async function getFlowVersion(id: string, version: number) {
  const flow = await requireFlow(id);
  const row = await requireVersion(id, version);
  const users = await creators([row]);
  const doc = versionDocument(row);
  return { ...versionMeta(flow, row, users), document: { id: flow.id, ...doc, name: flow.name, enabled: flow.enabled } };
}

/** GET /api/flows/{id}/versions/{n}/diff?against=m: what changed from m (default n-1) to n. */
export async function diffFlowVersions(id: string, version: number, against?: number) {
  await requireFlow(id);
  const base = against ?? version - 1;
  const after = await requireVersion(id, version);
  const before = base >= 1 ? await requireVersion(id, base) : null;
  return {
    version,
    against: before ? base : null,
    changes: diffDocuments(before ? versionDocument(before) : {}, versionDocument(after)),
  };
}
