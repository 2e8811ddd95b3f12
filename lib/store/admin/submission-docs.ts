// GET /api/flows/{id}/submission-docs (spec 07 §2.4): what a source needs to post leads to a
// flow — the URL, the fields, and the five request examples LeadConduit's inbound module shows
// (form POST, GET, JSON POST, XML POST answered in XML, form POST answered in XML).
import { db } from "@/lib/store/prisma";
import { standardField } from "@/lib/types";
import { SAMPLE_VALUES } from "@/lib/types/samples";
import { escapeXml } from "@/lib/intake/respond";
import { ApiError, notFound, validationError } from "@/lib/server/errors";
import { requireFlow, requireVersion, versionDocument } from "./flows";


/** The public origin of this server as the caller reached it (proxies set X-Forwarded-*). */
function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() || url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

type Rule = { lhv?: unknown; op?: unknown; rules?: unknown };

/** Fields the acceptance criteria require outright: `is not blank` rules at the top of an AND set. */
function requiredFields(ruleSets: unknown[]): Set<string> {
  const required = new Set<string>();
  for (const rs of ruleSets) {
    const set = rs as { op?: string; rules?: Rule[] } | null | undefined;
    if (!set || set.op !== "and" || !Array.isArray(set.rules)) continue;
    for (const rule of set.rules) {
      if (rule.op === "is not blank" && typeof rule.lhv === "string") required.add(rule.lhv.replace(/^lead\./, ""));
    }
  }
  return required;
}

export async function submissionDocs(request: Request, flowId: string, sourceId: string | undefined) {
  const flow = await requireFlow(flowId);
  // Sources post to the deployed version; before the first deploy the latest one is described.
  const version = flow.deployedVersion ?? flow.latestVersion;
  const doc = versionDocument(await requireVersion(flowId, version));
  if (!doc.sources.length) throw new ApiError("not_found", "This flow has no sources");
  if (!sourceId && doc.sources.length > 1) {
    throw validationError([{ path: "source_id", message: "this flow has several sources: name one" }]);
  }
  const source = sourceId ? doc.sources.find((s) => s.entity.id === sourceId) : doc.sources[0];
  if (!source) throw notFound("Source of this flow");

  const custom = new Map(
    (await db().field.findMany({ where: { id: { in: doc.fields } } })).map((f) => [f.id, { name: f.name, type: f.type }]),
  );
  const required = requiredFields([doc.acceptance_criteria?.rule_set, source.acceptance_criteria?.rule_set]);
  const fields = doc.fields.map((id) => {
    const def = standardField(id) ?? custom.get(id);
    return { id, name: def?.name ?? id, type: def?.type ?? "string", required: required.has(id) };
  });

  const url = `${publicOrigin(request)}/flows/${flowId}/sources/${source.entity.id}/submit`;
  const params = new URLSearchParams(fields.map((f) => [f.id, SAMPLE_VALUES[f.type] ?? "example"]));
  const form = params.toString();
  const json = JSON.stringify(Object.fromEntries(params), null, 2);
  const xml = ['<?xml version="1.0"?>', "<lead>", ...[...params].map(([k, v]) => `  <${k}>${escapeXml(v)}</${k}>`), "</lead>"].join("\n");
  const auth: Record<string, string> = source.authentication_required
    ? { Authorization: `Basic ${Buffer.from("API:YOUR_API_KEY").toString("base64")}` }
    : {};
  const formType = "application/x-www-form-urlencoded";

  return {
    url,
    flow: { id: flow.id, name: flow.name, version },
    source: { id: source.entity.id, name: source.entity.name, enabled: source.enabled },
    methods: ["GET", "POST"],
    content_types: [formType, "application/json", "application/xml", "text/xml"],
    authentication: source.authentication_required ? "basic" : "none",
    fields,
    examples: [
      { method: "POST", uri: url, headers: { Accept: "application/json", "Content-Type": formType, ...auth }, body: form },
      { method: "GET", uri: form ? `${url}?${form}` : url, headers: { Accept: "application/json", ...auth }, body: null },
      { method: "POST", uri: url, headers: { Accept: "application/json", "Content-Type": "application/json", ...auth }, body: json },
      { method: "POST", uri: url, headers: { Accept: "text/xml", "Content-Type": "text/xml", ...auth }, body: xml },
      { method: "POST", uri: url, headers: { Accept: "text/xml", "Content-Type": formType, ...auth }, body: form },
    ],
  };
}
