// Group-by dimensions (08 §4.2) and the key filters (08 §4.1): which events carry each key, and
// the SQL that reads it. A key applies only to the events that carry it: with
// `group_by=recipient` source events are in no row, so source columns are null there.
import { EVENT_TYPES, type EventType } from "./columns";
import type { Dialect } from "./dialect";
import { MICROS_PER_DOLLAR } from "./money";

export type DimensionKind = "flow" | "source" | "recipient" | "step" | "outcome" | "reason" | "purchase_price" | "sale_price" | "lead" | "appended";

export interface Dimension {
  /** As requested and as the JSON row key: `source`, `lead.state`, `appended.score`. */
  id: string;
  kind: DimensionKind;
  /** For `lead.*` / `appended.*`: the path inside the stored value. */
  path: string[];
  types: readonly EventType[];
}

const ALL = EVENT_TYPES;
const RECIPIENT_KEYED: readonly EventType[] = ["recipient", "feedback-received", "feedback-sent"];
const STEP_KEYED: readonly EventType[] = ["filter", "recipient", "feedback-received", "feedback-sent"];

export function parseDimension(id: string): Dimension {
  if (id.startsWith("lead.")) return { id, kind: "lead", path: id.slice(5).split("."), types: ALL };
  // Appended data of the whole lead is on its source event (06 §2.3).
  if (id.startsWith("appended.")) return { id, kind: "appended", path: id.slice(9).split("."), types: ["source"] };
  const kind = id as DimensionKind;
  const types: Record<string, readonly EventType[]> = {
    flow: ALL,
    source: ALL,
    outcome: ALL,
    reason: ALL,
    purchase_price: ALL,
    recipient: RECIPIENT_KEYED,
    step: STEP_KEYED,
    sale_price: ["recipient"],
  };
  return { id, kind, path: [], types: types[kind]! };
}

/** Event types carrying the recipient / step filter keys; flow and source are on every event. */
export const FILTER_TYPES = { recipient_id: RECIPIENT_KEYED, step_id: STEP_KEYED } as const;

export function intersect(a: readonly EventType[], b: readonly EventType[]): EventType[] {
  return a.filter((t) => b.includes(t));
}

/**
 * SQL for a dimension's key over `"Event" e` (and `"Lead" l` when `usesLead`). `sourceOnly`:
 * the query reads source events only, whose own price is the purchase price (no join needed).
 */
export function dimensionSql(dim: Dimension, d: Dialect, sourceOnly: boolean): { expr: string; usesLead: boolean } {
  switch (dim.kind) {
    case "flow":
      return { expr: `e."flowId"`, usesLead: false };
    case "source":
      return { expr: `e."sourceId"`, usesLead: false };
    case "recipient":
      return { expr: `e."recipientId"`, usesLead: false };
    case "step":
      // Step ids are short ids unique within a flow only (00 §1): the key is flow and step.
      return { expr: `e."flowId" || ':' || e."stepId"`, usesLead: false };
    case "outcome":
      return { expr: `e."outcome"`, usesLead: false };
    case "reason":
      return { expr: `e."reason"`, usesLead: false };
    case "sale_price":
      return { expr: d.micros(`e."price"`), usesLead: false };
    case "purchase_price":
      // The lead's purchase price; a source event carries it itself (0 unless success, 00 §2).
      if (sourceOnly) return { expr: d.micros(`e."price"`), usesLead: false };
      return { expr: `CASE WHEN e."type" = 'source' THEN ${d.micros(`e."price"`)} ELSE ${d.micros(`l."price"`)} END`, usesLead: true };
    case "lead":
      return { expr: d.jsonText(`l."fields"`, dim.path), usesLead: true };
    case "appended":
      return { expr: d.jsonText(`e."document"`, ["appended", ...dim.path]), usesLead: false };
  }
}

/** Entity-like keys are answered as `{id, name}` objects (names looked up at query time). */
export const isNamedDimension = (dim: Dimension) => dim.kind === "flow" || dim.kind === "source" || dim.kind === "recipient" || dim.kind === "step";

/** A raw key from SQL (string, number, bigint text or null) normalized for maps and sorting. */
export function normalizeKey(dim: Dimension, raw: unknown): string | number | null {
  if (raw === null || raw === undefined) return null;
  if (dim.kind === "purchase_price" || dim.kind === "sale_price") return Number(raw);
  return String(raw);
}

/** Names of entities, flows and steps, by key. */
export interface NameBook {
  entity(id: string): string | null;
  flow(id: string): string | null;
  step(flowId: string, stepId: string): { name: string | null; type: string | null };
}

/** The JSON value of a key in a row (08 §4.2): `{id, name}` objects, prices in dollars, text. */
export function keyValue(dim: Dimension, key: string | number | null, names: NameBook): unknown {
  if (key === null) return null;
  switch (dim.kind) {
    case "flow":
      return { id: key, name: names.flow(String(key)) };
    case "source":
    case "recipient":
      return { id: key, name: names.entity(String(key)) };
    case "step": {
      const [flowId, stepId] = splitStepKey(String(key));
      return { id: stepId, name: names.step(flowId, stepId).name, flow_id: flowId };
    }
    case "purchase_price":
    case "sale_price":
      // The exact stored price (a key, not a sum): 0.125 stays 0.125.
      return Number(key) / MICROS_PER_DOLLAR;
    default:
      return key;
  }
}

export function splitStepKey(key: string): [string, string] {
  const i = key.indexOf(":");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Text or number a key sorts by: names for named keys (then id), values otherwise. */
export function sortValue(dim: Dimension, key: string | number | null, names: NameBook): string | number | null {
  if (key === null) return null;
  switch (dim.kind) {
    case "flow":
      return `${names.flow(String(key)) ?? "\u{10FFFF}"}\u0000${key}`;
    case "source":
    case "recipient":
      return `${names.entity(String(key)) ?? "\u{10FFFF}"}\u0000${key}`;
    case "step": {
      const [flowId, stepId] = splitStepKey(String(key));
      return `${names.step(flowId, stepId).name ?? "\u{10FFFF}"}\u0000${key}`;
    }
    default:
      return key;
  }
}

/** Ascending, code-point order for text, `null` last (08 §4.2). */
export function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareText(String(a), String(b));
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** Code-point order (UTF-16 `<` differs from it only around surrogate pairs). */
export function compareText(x: string, y: string): number {
  if (SURROGATE.test(x) || SURROGATE.test(y)) {
    const a = Array.from(x, (c) => c.codePointAt(0)!);
    const b = Array.from(y, (c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Flattened CSV cells of a key (08 §4.1): `source_id`, `source_name`; scalars under their id. */
export function keyCells(dim: Dimension, value: unknown): Record<string, unknown> {
  if (isNamedDimension(dim)) {
    const v = value as { id: string; name: string | null } | null;
    return { [`${dim.id}_id`]: v?.id ?? null, [`${dim.id}_name`]: v?.name ?? null };
  }
  return { [dim.id]: value };
}

export function keyHeader(dim: Dimension): string[] {
  return isNamedDimension(dim) ? [`${dim.id}_id`, `${dim.id}_name`] : [dim.id];
}
