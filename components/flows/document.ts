// Helpers over the flow document as the editor holds it: split a flow resource into document and
// metadata, give every nested object an id, compare drafts, and name the editor page an API
// issue path belongs to.
import type { Cap, FlowDocument, FlowResource, Mapping, Pricing, RuleSet } from "@/components/api/types";
import { ensureIds } from "@/components/rule-builder/tree";
import { newId, newShortId } from "@/lib/ids";

const METADATA = new Set(["id", "version", "deployed_version", "has_undeployed_changes", "created_at", "updated_at", "deployed_at", "errors", "enabled"]);

/** The editable document inside a flow resource (`enabled` is a record field, spec 07 §2.4). */
export function documentOf(flow: FlowResource): FlowDocument {
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flow)) if (!METADATA.has(k)) doc[k] = v;
  return withIds(doc as FlowDocument);
}

const rs = (set: RuleSet | null | undefined) => (set ? ensureIds(set) : set);
const mappings = (ms: readonly Mapping[] | undefined) => (ms ?? []).map((m) => ({ ...m, id: m.id || newShortId(), rule_set: rs(m.rule_set) }));
const pricing = (p: Pricing | null | undefined) => (p ? { ...p, prices: (p.prices ?? []).map((e) => ({ ...e, id: e.id || newShortId(), rule_set: rs(e.rule_set) })) } : p);
type StepFeedback = Extract<FlowDocument["steps"][number], { type: "recipient" }>["feedback"];
type SourceFeedback = FlowDocument["sources"][number]["feedback"];
const stepFeedback = (fb: StepFeedback): StepFeedback =>
  fb
    ? {
        ...fb,
        ...(fb.return ? { return: { ...fb.return, rule_set: rs(fb.return.rule_set) } } : {}),
        ...(fb.conversion ? { conversion: { ...fb.conversion, rule_set: rs(fb.conversion.rule_set) } } : {}),
      }
    : fb;
function sourceFeedback(fb: SourceFeedback): SourceFeedback {
  if (!fb) return fb;
  const one = (t: NonNullable<SourceFeedback>["return"]) =>
    t ? { ...t, rule_set: rs(t.rule_set), integration: t.integration ? { ...t.integration, mappings: mappings(t.integration.mappings) } : t.integration } : t;
  return { ...fb, ...(fb.return ? { return: one(fb.return) } : {}), ...(fb.conversion ? { conversion: one(fb.conversion) } : {}) };
}
function caps(list: readonly Cap[] | undefined): Cap[] {
  return (list ?? []).map((c) => ({ ...c, id: c.id || newId(), rule_set: rs(c.rule_set), caps: caps(c.caps) }));
}

/**
 * Ids for every rule, set, step, source, mapping, price and cap that lacks one (feedback settings
 * included), so the UI has
 * stable keys. Saved documents already carry them (the API assigns ids), so this is normally a
 * no-op apart from copying.
 */
export function withIds(doc: FlowDocument): FlowDocument {
  return {
    ...doc,
    fields: doc.fields ?? [],
    acceptance_criteria: doc.acceptance_criteria ? { ...doc.acceptance_criteria, rule_set: rs(doc.acceptance_criteria.rule_set) } : doc.acceptance_criteria,
    pricing: pricing(doc.pricing),
    caps: caps(doc.caps),
    sources: (doc.sources ?? []).map((s) => ({
      ...s,
      id: s.id || newShortId(),
      integration: { ...(s.integration ?? { module_id: "leadconduit-default.inbound" }), mappings: mappings(s.integration?.mappings) },
      acceptance_criteria: s.acceptance_criteria ? { ...s.acceptance_criteria, rule_set: rs(s.acceptance_criteria.rule_set) } : s.acceptance_criteria,
      pricing: pricing(s.pricing),
      caps: caps(s.caps),
      feedback: sourceFeedback(s.feedback),
    })),
    steps: (doc.steps ?? []).map((step) =>
      step.type === "filter"
        ? { ...step, id: step.id || newShortId(), rule_set: rs(step.rule_set) }
        : {
            ...step,
            id: step.id || newShortId(),
            rule_set: rs(step.rule_set),
            integration: { ...step.integration, mappings: mappings(step.integration?.mappings) },
            pricing: pricing(step.pricing),
            caps: caps(step.caps),
            feedback: stepFeedback(step.feedback),
          },
    ),
  };
}

/** JSON with sorted keys: two documents are equal when this is equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export const EDITOR_PAGES = [
  { slug: "", label: "Overview" },
  { slug: "fields", label: "Fields" },
  { slug: "sources", label: "Sources" },
  { slug: "acceptance", label: "Acceptance" },
  { slug: "suppression", label: "Suppression" },
  { slug: "pricing", label: "Pricing" },
  { slug: "caps", label: "Volume caps" },
  { slug: "steps", label: "Steps" },
  { slug: "test", label: "Test a lead" },
] as const;

export type EditorPage = (typeof EDITOR_PAGES)[number]["slug"];

/** The editor page that shows the control for a document path. */
export function pageForPath(path: string): EditorPage {
  const head = path.split(".")[0];
  switch (head) {
    case "fields":
      return "fields";
    case "sources": {
      // Source pricing and caps are edited on the pricing and caps pages.
      const sub = path.split(".")[2];
      if (sub === "pricing" || sub === "pricing_service") return "pricing";
      if (sub === "caps") return "caps";
      return "sources";
    }
    case "acceptance_criteria":
    case "schedule":
      return "acceptance";
    case "suppression":
      return "suppression";
    case "pricing":
    case "pricing_service":
      return "pricing";
    case "caps":
      return "caps";
    case "steps":
      return "steps";
    default:
      return "";
  }
}

const SEGMENT_LABELS: Record<string, string> = {
  acceptance_criteria: "Acceptance criteria",
  rule_set: "rules",
  rules: "rule",
  lhv: "field",
  op: "operator",
  rhv: "value",
  steps: "Step",
  sources: "Source",
  caps: "Cap",
  prices: "price",
  mappings: "mapping",
  integration: "integration",
  suppression: "Suppression",
  duplicate: "duplicate check",
  lists: "list check",
  pricing: "Pricing",
  pricing_service: "Pricing service",
  fields: "Field",
};

/** `steps.1.rule_set.rules.0.op` → "Step 2 › rules › rule 1 › operator", with names where known. */
export function describePath(path: string, doc?: FlowDocument | null): string {
  const parts = path.split(".");
  const out: string[] = [];
  let cursor: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i];
    const next = cursor && typeof cursor === "object" ? (cursor as Record<string, unknown>)[seg] : undefined;
    if (/^\d+$/.test(seg)) {
      const item = next as { description?: string; name?: string; entity?: { name?: string } } | undefined;
      const name = typeof next === "string" ? next : item?.description || item?.name || item?.entity?.name;
      const prev = out.pop() ?? "";
      out.push(`${prev} ${Number(seg) + 1}${name ? ` (${name})` : ""}`.trim());
    } else {
      out.push(SEGMENT_LABELS[seg] ?? seg.replaceAll("_", " "));
    }
    cursor = next;
  }
  // Nested rules read as "rule 2.1" rather than "rule 2 › rule 1".
  const merged: string[] = [];
  for (const part of out) {
    const prev = merged[merged.length - 1];
    const m = /^rule (\d+(?:\.\d+)*)$/.exec(part);
    const pm = prev ? /^rule (\d+(?:\.\d+)*)$/.exec(prev) : null;
    if (m && pm) merged[merged.length - 1] = `rule ${pm[1]}.${m[1]}`;
    else merged.push(part);
  }
  return merged.join(" › ");
}
