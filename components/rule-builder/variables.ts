// What the left-hand side of a rule can name (spec 02 §2, 03 §1): the flow's fields, their type
// components (`lead.phone_1.area`, `lead.email.is_free`), and the other lead-context variables.
import { OPERATORS } from "@/lib/rules/operators";
import { TYPE_INFO } from "@/lib/types/catalog";
import type { FieldRecord, TypeInfo } from "@/components/api/types";

export interface VariableOption {
  /** The lhv written into the rule, e.g. `lead.phone_1.area`. */
  path: string;
  label: string;
  group: string;
  /** A field type name, or `boolean`/`number`/`time`/`string` for components and other variables. */
  type: string;
}

export interface VariableCatalog {
  options: VariableOption[];
  byPath: Map<string, VariableOption>;
  /** Field id → display name, for generated reasons and the plain-language preview. */
  fieldNames: Record<string, string>;
  types: Map<string, TypeInfo>;
}

const COMPONENT_LABELS: Record<string, string> = {
  area: "area code",
  exchange: "exchange",
  line: "line number",
  is_free: "is free webmail",
  is_disposable: "is disposable",
  is_tollfree: "is toll-free",
  valid: "is valid",
  raw: "as submitted",
  name: "full name",
  zip: "ZIP",
  tld: "top-level domain",
};

/** A component's own type, so its operator list fits: flags are booleans, bounds are numbers. */
function componentType(component: string): string {
  if (component === "valid" || component.startsWith("is_")) return "boolean";
  if (["min", "max", "avg", "mid", "age", "year", "country_calling_code"].includes(component)) return "number";
  return "string";
}

const OTHER_VARIABLES: VariableOption[] = [
  { path: "lead.id", label: "Lead ID", group: "Lead", type: "string" },
  { path: "lead.random_number", label: "Random number (1–100)", group: "Lead", type: "number" },
  { path: "source.name", label: "Source name", group: "Source and flow", type: "string" },
  { path: "source.id", label: "Source ID", group: "Source and flow", type: "string" },
  { path: "flow.name", label: "Flow name", group: "Source and flow", type: "string" },
  { path: "submission.timestamp", label: "Submission timestamp", group: "Submission", type: "time" },
  { path: "submission.ip", label: "Submission IP", group: "Submission", type: "string" },
  { path: "purchase_price", label: "Purchase price", group: "Pricing", type: "number" },
  { path: "appended.suppressionlist.is_duplicate", label: "Is duplicate", group: "Suppression", type: "boolean" },
  { path: "appended.suppressionlist.is_dnc", label: "Is on a DNC list", group: "Suppression", type: "boolean" },
  { path: "appended.suppressionlist.is_existing_customer", label: "Is an existing customer", group: "Suppression", type: "boolean" },
];

// Components and operators per type until `GET /api/types` answers: lib/types/catalog is the same
// table without the parsers (phone metadata, domain lists), so it is light enough for the browser.
const fallbackComponents = (type: string): readonly string[] => TYPE_INFO.get(type)?.components ?? [];
const fallbackOperators = (type: string): readonly string[] | undefined => TYPE_INFO.get(type)?.operators;

export function buildVariableCatalog({
  fieldIds,
  fields,
  types,
  extra = [],
}: {
  /** The flow's fields, in flow order; unknown ids still appear (the catalogue may lag). */
  fieldIds: readonly string[];
  fields: readonly FieldRecord[];
  types: readonly TypeInfo[];
  extra?: readonly VariableOption[];
}): VariableCatalog {
  const fieldById = new Map(fields.map((f) => [f.id, f]));
  const typeByName = new Map(types.map((t) => [t.name, t]));
  const options: VariableOption[] = [];
  const fieldNames: Record<string, string> = {};
  for (const f of fields) fieldNames[f.id] = f.name;
  for (const id of fieldIds) {
    const field = fieldById.get(id);
    const name = field?.name ?? id;
    const type = field?.type ?? "string";
    options.push({ path: `lead.${id}`, label: name, group: "Fields", type });
    const components = typeByName.size ? (typeByName.get(type)?.components ?? []) : fallbackComponents(type);
    for (const c of components) {
      if (c === "raw") continue;
      options.push({ path: `lead.${id}.${c}`, label: `${name} › ${COMPONENT_LABELS[c] ?? c.replaceAll("_", " ")}`, group: "Field components", type: componentType(c) });
    }
  }
  options.push(...OTHER_VARIABLES, ...extra);
  return { options, byPath: new Map(options.map((o) => [o.path, o])), fieldNames, types: typeByName };
}

const ALL = OPERATORS.map((o) => o.op as string);

/**
 * Operators offered for a variable: the type's list from `GET /api/types`, else a fallback by
 * kind, else all. The rule's current operator is always kept so a loaded rule never loses it.
 */
export function operatorsFor(catalog: VariableCatalog, lhv: string, current?: string): string[] {
  const option = catalog.byPath.get(lhv);
  let list: readonly string[] = ALL;
  if (option) list = catalog.types.get(option.type)?.operators?.length ? catalog.types.get(option.type)!.operators : (fallbackOperators(option.type) ?? ALL);
  const out = ALL.filter((op) => list.includes(op));
  if (current && !out.includes(current)) out.push(current);
  return out;
}

/** The same catalogue with more variables (those already named are kept as they are). */
export function extendCatalog(catalog: VariableCatalog, extra: readonly VariableOption[]): VariableCatalog {
  const options = [...catalog.options, ...extra.filter((o) => !catalog.byPath.has(o.path))];
  return { ...catalog, options, byPath: new Map(options.map((o) => [o.path, o])) };
}

/** What feedback rules see besides the lead (spec 06 §5.4–§5.5: the recipient event's vars plus `feedback.*`). */
export const FEEDBACK_VARIABLES: readonly VariableOption[] = [
  { path: "feedback.type", label: "Feedback type (return or conversion)", group: "Feedback", type: "string" },
  { path: "feedback.reason", label: "Feedback reason", group: "Feedback", type: "string" },
  { path: "feedback.timestamp", label: "Feedback time", group: "Feedback", type: "time" },
  { path: "recipient.name", label: "Recipient name", group: "Feedback", type: "string" },
  { path: "price", label: "Sale price", group: "Feedback", type: "number" },
];
