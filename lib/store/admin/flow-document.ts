// Pure helpers over flow documents as the admin store keeps them: what a version stores, what a
// document refers to, and how two versions differ.
import type { FlowDocument } from "@/lib/schemas/flow";

/**
 * What a version stores: the document without `id` and `enabled`, which live on the flow record
 * (spec 07 §2.4: enabled is filled from the record on read and ignored on write).
 */
export type StoredDocument = Omit<FlowDocument, "id" | "enabled">;

export function toStoredDocument(doc: FlowDocument): StoredDocument {
  const { id: _id, enabled: _enabled, ...rest } = doc;
  return rest;
}

/** JSON with object keys sorted, so that equal documents compare equal as text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Two stored documents are the same flow configuration (the name is record-level, so ignored). */
export function sameConfiguration(a: unknown, b: unknown): boolean {
  const strip = (d: unknown) => {
    if (!d || typeof d !== "object") return d;
    const { id: _i, name: _n, enabled: _e, ...rest } = d as Record<string, unknown>;
    return rest;
  };
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

export type ReferenceKind = "field" | "entity" | "suppression_list" | "pricing_service";
export type Reference = { kind: ReferenceKind; id: string; path: string; as?: "source" | "recipient" };

type Loose = Record<string, any>; // stored documents are read defensively: older versions may lack keys
const arr = (v: unknown): Loose[] => (Array.isArray(v) ? v : []);

/**
 * Every record a document refers to, with the dotted path of the reference: collected fields,
 * source and recipient entities, suppression lists and pricing services.
 */
export function collectReferences(document: unknown): Reference[] {
  const doc = (document ?? {}) as Loose;
  const refs: Reference[] = [];
  arr(doc.fields).forEach((f, i) => typeof f === "string" && refs.push({ kind: "field", id: f, path: `fields.${i}` }));
  arr(doc.sources).forEach((s, i) => {
    if (typeof s?.entity?.id === "string") refs.push({ kind: "entity", id: s.entity.id, path: `sources.${i}.entity.id`, as: "source" });
    const sid = s?.pricing_service?.service_id;
    if (typeof sid === "string") refs.push({ kind: "pricing_service", id: sid, path: `sources.${i}.pricing_service.service_id` });
  });
  arr(doc.steps).forEach((s, i) => {
    if (typeof s?.entity?.id === "string") refs.push({ kind: "entity", id: s.entity.id, path: `steps.${i}.entity.id`, as: "recipient" });
  });
  arr(doc.suppression?.lists).forEach((l, i) =>
    arr(l?.list_ids).forEach((id, j) => typeof id === "string" && refs.push({ kind: "suppression_list", id, path: `suppression.lists.${i}.list_ids.${j}` })),
  );
  const fid = doc.pricing_service?.service_id;
  if (typeof fid === "string") refs.push({ kind: "pricing_service", id: fid, path: "pricing_service.service_id" });
  return refs;
}

/** Literal recipient URLs (mapping `url` without a template) with their paths, for the SSRF check. */
export function recipientUrls(document: unknown): Array<{ url: string; path: string }> {
  const out: Array<{ url: string; path: string }> = [];
  arr((document as Loose)?.steps).forEach((step, i) => {
    if (step?.type !== "recipient") return;
    arr(step.integration?.mappings).forEach((m, j) => {
      if (m?.property === "url" && typeof m.value === "string" && !m.value.includes("{{") && m.value.trim() !== "") {
        out.push({ url: m.value, path: `steps.${i}.integration.mappings.${j}.value` });
      }
    });
  });
  return out;
}

/** Counts shown in flow lists and version summaries. */
export function documentSummary(document: unknown): { sources: number; steps: number } {
  const doc = (document ?? {}) as Loose;
  return { sources: arr(doc.sources).length, steps: arr(doc.steps).length };
}

export type Change = { path: string; before: unknown; after: unknown };

/**
 * Leaf-level differences between two documents (kb change logs): objects are compared key by
 * key, arrays index by index; anything else that differs is one change at its path.
 */
export function diffDocuments(before: unknown, after: unknown, path: string[] = []): Change[] {
  const isObj = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Change[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...diffDocuments(before[i], after[i], [...path, String(i)]));
    return out;
  }
  if (isObj(before) && isObj(after)) {
    const b = before as Loose;
    const a = after as Loose;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((k) => diffDocuments(b[k], a[k], [...path, k]));
  }
  if (canonicalJson(before) === canonicalJson(after)) return [];
  return [{ path: path.join("."), before: before ?? null, after: after ?? null }];
}
