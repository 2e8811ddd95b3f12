// What the left-hand side of a rule can name (spec 02 §2, 03 §1): the flow's fields, their type
// components (`lead.phone_1.area`, `lead.email.is_free`), and the other lead-context variables.
import { OPERATORS } from "@/lib/rules/operators";
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

// Components per type from spec 01 §4, used only until `GET /api/types` answers: the type table
// itself lives in lib/types, whose parsers (phone metadata, domain lists) are too heavy to ship
// to the browser.
const FALLBACK_COMPONENTS: Record<string, readonly string[]> = {
  phone: ["area", "exchange", "line", "extension", "type", "is_tollfree", "valid"],
  email: ["user", "domain", "host", "tld", "is_free", "is_disposable", "valid"],
  state: ["name", "valid"],
  postal_code: ["zip", "four", "valid"],
  range: ["min", "max", "avg", "mid", "valid"],
  dob: ["age", "year", "valid"],
  street: ["number", "name", "valid"],
  url: ["host", "path", "valid"],
  trustedform_url: ["cert_id", "is_web", "is_mobile", "valid"],
  gender: ["abbr", "valid"],
  ip: ["is_ipv4", "valid"],
};

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
    const components = typeByName.size ? (typeByName.get(type)?.components ?? []) : (FALLBACK_COMPONENTS[type] ?? []);
    for (const c of components) {
      if (c === "raw") continue;
      options.push({ path: `lead.${id}.${c}`, label: `${name} › ${COMPONENT_LABELS[c] ?? c.replaceAll("_", " ")}`, group: "Field components", type: componentType(c) });
    }
  }
  options.push(...OTHER_VARIABLES, ...extra);
  return { options, byPath: new Map(options.map((o) => [o.path, o])), fieldNames, types: typeByName };
}

// When `GET /api/types` is not there, operator lists per type follow spec 01 §4 (the same lists
// lib/types serves through that route); components and built-in variables use their kind.
const EQ = ["is equal to", "is not equal to"];
const CMP = ["is less than", "is less than or equal to", "is greater than", "is greater than or equal to"];
const BETWEEN = ["is between", "is not between"];
const INCLUDES = ["includes", "does not include"];
const INCLUDED = ["is included in", "is not included in"];
const MATCH = ["matches pattern", "does not match pattern"];
const TRUE_FALSE = ["is true", "is not true", "is false", "is not false"];
const BLANK = ["is blank", "is not blank"];
const FORMAT = ["format is valid", "format is invalid"];
const OBSCENE = ["is obscene", "is not obscene"];
const FALLBACK: Record<string, readonly string[]> = {
  boolean: [...TRUE_FALSE, ...BLANK, ...FORMAT],
  number: [...EQ, ...CMP, ...BETWEEN, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT],
  range: [...EQ, ...CMP, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT],
  string: [...EQ, ...INCLUDES, ...INCLUDED, ...MATCH, ...BLANK, ...OBSCENE],
  first_name: [...EQ, ...MATCH, ...BLANK, ...FORMAT, ...OBSCENE],
  last_name: [...EQ, ...MATCH, ...BLANK, ...FORMAT, ...OBSCENE],
  city: [...EQ, ...INCLUDES, ...INCLUDED, ...MATCH, ...BLANK, ...FORMAT, ...OBSCENE],
  email: [...EQ, ...INCLUDES, ...INCLUDED, ...MATCH, ...BLANK, ...FORMAT, ...OBSCENE],
  phone: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT],
  postal_code: [...EQ, ...INCLUDES, ...INCLUDED, ...MATCH, ...BLANK, ...FORMAT],
  state: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK, ...OBSCENE],
  street: [...EQ, ...INCLUDES, ...INCLUDED, ...MATCH, ...BLANK, ...FORMAT, ...OBSCENE],
  gender: [...EQ, ...BLANK, ...FORMAT],
  date: [...EQ, ...CMP, ...BETWEEN, ...BLANK, ...FORMAT],
  dob: [...EQ, ...CMP, ...BETWEEN, ...BLANK, ...FORMAT],
  time: [...EQ, ...CMP, ...BETWEEN, ...BLANK, ...FORMAT],
  url: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT, ...OBSCENE],
  trustedform_url: [...BLANK, ...FORMAT],
  ip: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT],
  ssn: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK, ...FORMAT],
  credential: [...EQ, ...INCLUDES, ...INCLUDED, ...BLANK],
};

const ALL = OPERATORS.map((o) => o.op as string);

/**
 * Operators offered for a variable: the type's list from `GET /api/types`, else a fallback by
 * kind, else all. The rule's current operator is always kept so a loaded rule never loses it.
 */
export function operatorsFor(catalog: VariableCatalog, lhv: string, current?: string): string[] {
  const option = catalog.byPath.get(lhv);
  let list: readonly string[] = ALL;
  if (option) list = catalog.types.get(option.type)?.operators?.length ? catalog.types.get(option.type)!.operators : (FALLBACK[option.type] ?? ALL);
  const out = ALL.filter((op) => list.includes(op));
  if (current && !out.includes(current)) out.push(current);
  return out;
}
