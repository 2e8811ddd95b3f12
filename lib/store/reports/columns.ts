// The report columns of 08 §3: each is computed from a few base measures (counts and money sums
// over kinds of events) that the aggregation reads in one pass; rates, averages and profit are
// derived from them, so totals are recomputed from total counts and never averaged.
import type { ColumnId } from "@/lib/schemas/reports";
import { medianOf, money, moneyPer, rate } from "./money";

/** Event types reports read; `retry` events are not counted by any column (08 §1). */
export const EVENT_TYPES = ["source", "filter", "recipient", "feedback-received", "feedback-sent"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A base measure over the events of a row that match `types` (and `outcomes`, and a feedback
 * type when given): `count` counts them (distinct leads with by_lead, except source events,
 * which are one per lead), `sum` adds their price in micros, `min`/`max` the extreme price,
 * `sum_ms` their duration.
 */
export interface Measure {
  id: string;
  agg: "count" | "sum" | "min" | "max" | "sum_ms";
  types: readonly EventType[];
  outcomes?: readonly string[];
  feedback?: "return" | "conversion";
}

const m = (id: string, agg: Measure["agg"], types: readonly EventType[], outcomes?: readonly string[], feedback?: Measure["feedback"]): Measure => ({
  id,
  agg,
  types,
  ...(outcomes ? { outcomes } : {}),
  ...(feedback ? { feedback } : {}),
});

const SUBMITTED = ["success", "failure", "error"];
const FEEDBACK_MEASURES: Measure[] = [];
for (const feedback of ["return", "conversion"] as const) {
  for (const [direction, type] of [
    ["received", "feedback-received"],
    ["sent", "feedback-sent"],
  ] as const) {
    FEEDBACK_MEASURES.push(m(`${feedback}_${direction}_submitted`, "count", [type], undefined, feedback));
    for (const outcome of ["success", "failure", "error"]) {
      FEEDBACK_MEASURES.push(m(`${feedback}_${direction}_${outcome}`, "count", [type], [outcome], feedback));
    }
  }
}

export const MEASURES: Record<string, Measure> = Object.fromEntries(
  [
    m("source_submitted", "count", ["source"]),
    m("source_success", "count", ["source"], ["success"]),
    m("source_failure", "count", ["source"], ["failure"]),
    m("source_error", "count", ["source"], ["error"]),
    // `skip` is not a submission (08 §3.1).
    m("recipient_submitted", "count", ["recipient"], SUBMITTED),
    m("recipient_success", "count", ["recipient"], ["success"]),
    m("recipient_failure", "count", ["recipient"], ["failure"]),
    m("recipient_error", "count", ["recipient"], ["error"]),
    m("recipient_skip", "count", ["recipient"], ["skip"]),
    ...FEEDBACK_MEASURES,
    // Failed and error leads carry purchase price 0, so all source events can be summed.
    m("cost_micros", "sum", ["source"]),
    m("revenue_micros", "sum", ["recipient"], ["success"]),
    m("price_min_micros", "min", ["source"], ["success"]),
    m("price_max_micros", "max", ["source"], ["success"]),
  ].map((x) => [x.id, x]),
);

/** A measure's value in a row; `null` when no event kind of the measure can be in the row. */
export type MeasureValues = (id: string) => number | null;

export interface RowExtras {
  /** Purchase prices of successful source events, micros → count (for the median). */
  prices: ReadonlyMap<number, number> | null;
}

interface ColumnDef {
  measures: string[];
  /** Needs the price distribution of the row (median). */
  distribution?: boolean;
  compute(v: MeasureValues, extras: RowExtras): number | null;
}

/** `f` over the values when all are present, else null (a column its row cannot answer). */
function all(ids: string[], f: (...values: number[]) => number | null): ColumnDef {
  return {
    measures: ids,
    compute(v) {
      const values = ids.map(v);
      return values.some((x) => x === null) ? null : f(...(values as number[]));
    },
  };
}
const count = (id: string) => all([id], (x) => x);

export const COLUMNS: Record<ColumnId, ColumnDef> = {
  source_submitted: count("source_submitted"),
  source_success: count("source_success"),
  source_failure: count("source_failure"),
  source_error: count("source_error"),
  recipient_submitted: count("recipient_submitted"),
  recipient_success: count("recipient_success"),
  recipient_failure: count("recipient_failure"),
  recipient_error: count("recipient_error"),
  recipient_skip: count("recipient_skip"),
  ...(Object.fromEntries(FEEDBACK_MEASURES.map((x) => [x.id, count(x.id)])) as Record<string, ColumnDef>),
  cost: all(["cost_micros"], money),
  revenue: all(["revenue_micros"], money),
  profit: all(["revenue_micros", "cost_micros"], (r, c) => money(r - c)),
  avg_cost_per_lead: all(["cost_micros", "source_success", "return_sent_success"], (c, s, r) => moneyPer(c, s - r)),
  avg_revenue_per_lead: all(["revenue_micros", "recipient_success", "return_received_success"], (r, s, ret) => moneyPer(r, s - ret)),
  cost_per_conversion_received_success: all(["cost_micros", "conversion_received_success"], (c, n) => moneyPer(c, n)),
  acceptance_rate: all(["source_success", "source_submitted"], rate),
  rejection_rate: all(["source_failure", "source_submitted"], rate),
  error_rate: all(["source_error", "source_submitted"], rate),
  delivery_success_rate: all(["recipient_success", "recipient_submitted"], rate),
  return_rate: all(["return_received_success", "recipient_success"], rate),
  price_min: all(["price_min_micros"], (x) => money(x)),
  price_max: all(["price_max_micros"], (x) => money(x)),
  price_avg: all(["cost_micros", "source_success"], moneyPer),
  price_median: {
    measures: ["source_success"],
    distribution: true,
    compute: (v, extras) => (v("source_success") === null || !extras.prices ? null : medianOf(extras.prices)),
  },
} as Record<ColumnId, ColumnDef>;

/** The base measures a set of columns needs, in a stable order. */
export function measuresFor(columns: readonly ColumnId[]): Measure[] {
  const ids = new Set<string>();
  for (const c of columns) for (const id of COLUMNS[c].measures) ids.add(id);
  return [...ids].map((id) => MEASURES[id]!);
}

export const needsDistribution = (columns: readonly ColumnId[]) => columns.some((c) => COLUMNS[c].distribution);
