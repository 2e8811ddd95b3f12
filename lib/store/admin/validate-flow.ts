// Save-time validation of a flow document (spec 07 §2.4): schema, then references and URLs.
import { flowDocumentSchema, normalizeFlowDocument, type FlowDocument } from "@/lib/schemas/flow";
import { db } from "@/lib/store/prisma";
import { validationError, zodIssues, type Issue } from "@/lib/server/errors";
import { referenceIssues } from "./flow-references";

const prefixed = (issues: Issue[], prefix: string) =>
  prefix ? issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })) : issues;

/** Parses a document with the flow schema; 422 with dotted paths (under `prefix`) when it fails. */
export function parseFlowDocument(input: unknown, prefix = ""): FlowDocument {
  const parsed = flowDocumentSchema.safeParse(input);
  if (!parsed.success) throw validationError(prefixed(zodIssues(parsed.error), prefix), "The flow document is not valid");
  return parsed.data;
}

/** 422 when the document refers to records that do not exist or calls a private URL. */
export async function assertReferences(doc: unknown, prefix = ""): Promise<void> {
  const issues = await referenceIssues(doc, "save");
  if (issues.length) throw validationError(prefixed(issues, prefix), "The flow document is not valid");
}

/**
 * A validated document ready to store: ids assigned (normalizeFlowDocument) and entity names
 * refreshed from the entity records, so the labels inside a version match what the UI shows.
 */
export async function prepareFlowDocument(doc: FlowDocument, prefix = ""): Promise<FlowDocument> {
  await assertReferences(doc, prefix);
  const normalized = normalizeFlowDocument(doc);
  const ids = [
    ...normalized.sources.map((s) => s.entity.id),
    ...normalized.steps.flatMap((s) => (s.type === "recipient" && s.entity ? [s.entity.id] : [])),
  ];
  if (!ids.length) return normalized;
  const names = new Map(
    (await db().entity.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]),
  );
  return {
    ...normalized,
    sources: normalized.sources.map((s) => ({ ...s, entity: { ...s.entity, name: names.get(s.entity.id) ?? s.entity.name } })),
    steps: normalized.steps.map((s) =>
      s.type === "recipient" && s.entity ? { ...s, entity: { ...s.entity, name: names.get(s.entity.id) ?? s.entity.name } } : s,
    ),
  };
}
