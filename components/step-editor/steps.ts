// Small pure helpers over flow steps (spec 05): defaults for new steps, names, kinds, copies.
import type { Step } from "@/components/api/types";
import { newId, newShortId } from "@/lib/ids";
import { ensureIds } from "@/components/rule-builder/tree";

export type FilterStep = Extract<Step, { type: "filter" }>;
export type RecipientStep = Extract<Step, { type: "recipient" }>;

export function newFilterStep(): FilterStep {
  return { type: "filter", id: newShortId(), description: "", rule_set: null, outcome: "failure", reason: null, enabled: true };
}

export function newRecipientStep(purpose: "delivery" | "enhancement" = "delivery"): RecipientStep {
  return {
    type: "recipient",
    id: newShortId(),
    description: "",
    entity: null,
    integration: {
      module_id: purpose === "enhancement" ? "suppressionlist.outbound.query_item" : "custom.outbound.json",
      mappings: [],
    },
    rule_set: null,
    caps: [],
    pricing: null,
    feedback: null,
    enabled: true,
    parallel: false,
    purpose,
  };
}

export function stepKind(step: Step): "filter" | "enhancement" | "recipient" {
  if (step.type === "filter") return "filter";
  if (step.purpose === "enhancement" || step.integration?.module_id?.startsWith("suppressionlist.")) return "enhancement";
  return "recipient";
}

export function stepTitle(step: Step): string {
  if (step.description) return step.description;
  if (step.type === "recipient" && step.entity?.name) return step.entity.name;
  const kind = stepKind(step);
  return kind === "filter" ? "Unnamed filter" : kind === "enhancement" ? "Unnamed enhancement" : "Unnamed recipient";
}

/** A copy with fresh ids everywhere (steps, rules, mappings, prices, caps must stay unique). */
export function duplicateStep(step: Step): Step {
  const fresh = <T,>(x: T): T => JSON.parse(JSON.stringify(x, (k, v) => (k === "id" ? undefined : v)));
  const copy = fresh(step) as Step;
  copy.id = newShortId();
  copy.description = step.description ? `${step.description} (copy)` : step.description;
  if (copy.rule_set) copy.rule_set = ensureIds(copy.rule_set);
  if (copy.type === "recipient") {
    copy.integration = { ...copy.integration, mappings: (copy.integration.mappings ?? []).map((m) => ({ ...m, id: newShortId(), rule_set: m.rule_set ? ensureIds(m.rule_set) : m.rule_set })) };
    if (copy.pricing) copy.pricing = { ...copy.pricing, prices: copy.pricing.prices.map((p) => ({ ...p, id: newShortId(), rule_set: p.rule_set ? ensureIds(p.rule_set) : p.rule_set })) };
    const caps = (list: RecipientStep["caps"]): RecipientStep["caps"] => list.map((c) => ({ ...c, id: newId(), rule_set: c.rule_set ? ensureIds(c.rule_set) : c.rule_set, caps: caps(c.caps ?? []) }));
    copy.caps = caps(copy.caps ?? []);
    // The entity reference keeps its id: it names a record, not a nested object.
    if (step.type === "recipient") copy.entity = step.entity;
  }
  return copy;
}

export const MODULES = [
  { id: "custom.outbound.json", label: "JSON (POST/PUT/PATCH/DELETE)", prefix: "json_property.", methods: ["POST", "PUT", "PATCH", "DELETE"] },
  { id: "custom.outbound.form", label: "Form-encoded POST", prefix: "form_field.", methods: [] },
  { id: "custom.outbound.xml", label: "XML (POST/PUT/PATCH)", prefix: "xml_path.", methods: ["POST", "PUT", "PATCH"] },
  { id: "custom.outbound.query", label: "Query string GET", prefix: "parameter.", methods: [] },
  { id: "leadconduit-default.outbound", label: "Another Leadflow / LeadConduit flow", prefix: "", methods: ["POST", "GET"] },
  { id: "suppressionlist.outbound.query_item", label: "Suppression list: look up a value", prefix: "", methods: [] },
  { id: "suppressionlist.outbound.add_item", label: "Suppression list: add values", prefix: "", methods: [] },
  { id: "suppressionlist.outbound.delete_item", label: "Suppression list: remove values", prefix: "", methods: [] },
  { id: "suppressionlist.outbound.is_unique", label: "Suppression list: is unique (check and add)", prefix: "", methods: [] },
] as const;

/**
 * True when the request carries the recipient event id: the recipient needs it to send feedback
 * (spec 06 §5.1: "Event ID must be included for feedback to work").
 */
export function requestCarriesEventId(mappings: readonly { value: unknown }[] | undefined): boolean {
  return (mappings ?? []).some((m) => [m.value].flat().some((v) => typeof v === "string" && /\{\{\s*event_id\s*\}\}/.test(v)));
}

/** The mapping that puts `{{event_id}}` into the request in the format's own naming. */
export function eventIdMappingProperty(moduleId: string | undefined): string {
  const mod = MODULES.find((m) => m.id === moduleId);
  return `${mod?.prefix ?? ""}event_id`;
}
