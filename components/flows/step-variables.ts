// Variables earlier steps make available to later rules (spec 05 §4.3: each recipient step
// appends its parsed response at `appended.<key>`; bare `<key>.*` paths resolve there, 02 §2).
import type { FlowDocument } from "@/components/api/types";
import type { VariableOption } from "@/components/rule-builder/variables";

const RESERVED = new Set(["lead", "source", "flow", "account", "submission", "recipient", "feedback", "appended"]);

/** `Acme CRM` → `acme_crm`; reserved namespaces get `r_` (spec 05 §4.3). */
export function appendedKey(name: string, moduleId?: string): string {
  if (moduleId?.startsWith("suppressionlist.")) return "suppressionlist";
  const key = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return RESERVED.has(key) ? `r_${key}` : key;
}

export function stepVariables(doc: FlowDocument | null, beforeIndex?: number): VariableOption[] {
  if (!doc) return [];
  const out: VariableOption[] = [];
  const seen = new Set<string>();
  doc.steps.forEach((step, i) => {
    if (beforeIndex !== undefined && i >= beforeIndex) return;
    if (step.type !== "recipient") return;
    const moduleId = step.integration?.module_id;
    const name = step.entity?.name || step.description || "";
    if (!name && !moduleId?.startsWith("suppressionlist.")) return;
    const key = appendedKey(name, moduleId);
    const label = step.description || step.entity?.name || key;
    const add = (path: string, what: string, type: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      out.push({ path, label: `${label} › ${what}`, group: "Step results", type });
    };
    if (key === "suppressionlist") {
      const op = moduleId?.split(".").pop() ?? "query_item";
      if (op === "query_item") add("suppressionlist.query_item.found", "found in list", "boolean");
      if (op === "is_unique") add("suppressionlist.is_unique.outcome", "is unique outcome", "string");
      return;
    }
    add(`${key}.outcome`, "outcome", "string");
    add(`${key}.reason`, "reason", "string");
    add(`${key}.price`, "price", "number");
  });
  return out;
}
