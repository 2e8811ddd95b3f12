// The one aggregation every report uses: events in a time range, narrowed by key filters, put
// into time buckets and groups, with base measures (columns.ts) per row.
//
// How (measured on SQLite, 200k events / 30 days, see the report in the commit): the database
// aggregates, TypeScript only computes the buckets. Bucket starts are UTC instants computed in
// the report time zone (time.ts); SQL finds an event's bucket by one division when they are
// evenly spaced, else with a balanced CASE tree of `timestamp < ?` comparisons (log2(buckets) per
// event) — no time-zone functions in SQL, identical on SQLite and PostgreSQL — and GROUP BYs
// bucket and keys. Distinct-lead
// counts (by_lead) stay exact because each row is counted in one place. Rows come back already
// aggregated (≤ 10,000), so the cost is one indexed range scan.
//
// With `rules`, which need the rule engine's semantics (02), the database returns the events'
// properties instead and the same measures are computed here, one event at a time.
import type { ReportRange } from "./time";
import type { Dialect } from "./dialect";
import { dialectOf } from "./dialect";
import { reportDb } from "./connection";
import { EVENT_TYPES, type EventType, type Measure } from "./columns";
import { dimensionSql, FILTER_TYPES, intersect, normalizeKey, type Dimension } from "./dimensions";
import type { ReportRules, RuleEvent } from "./rules";
import { toMicros } from "./money";

export interface KeyFilters {
  flowIds?: readonly string[];
  sourceIds?: readonly string[];
  recipientIds?: readonly string[];
  stepIds?: readonly string[];
}

export interface AggregateSpec {
  range: ReportRange;
  /** Starts of the buckets (UTC ms, ascending; the first may precede the range); null = one bucket. */
  bucketStarts: readonly number[] | null;
  dims: readonly Dimension[];
  measures: readonly Measure[];
  byLead: boolean;
  filters: KeyFilters;
  /** Only events with one of these outcomes (rejection reasons). */
  outcomes?: readonly string[];
  rules: ReportRules | null;
  /** Keep the purchase prices of successful source events per row (median, distribution). */
  prices: boolean;
  /** More rows than this → `TooManyRows`. */
  rowLimit: number;
}

export type Key = string | number | null;

export interface AggRow {
  bucket: number;
  keys: Key[];
  /** By measure, in `spec.measures` order; `null` = no event kind of the measure is read (or min/max of nothing). */
  values: (number | null)[];
  prices: Map<number, number> | null;
}

export interface Aggregate {
  rows: AggRow[];
  /** Per measure: can events of its kinds be in a row at all (else its value is null everywhere)? */
  applies: boolean[];
}

export class TooManyRows extends Error {}

/** The event types a query reads: those the measures count, that carry every key asked for. */
export function readTypes(spec: Pick<AggregateSpec, "measures" | "dims" | "filters">): EventType[] {
  let types: EventType[] = EVENT_TYPES.filter((t) => spec.measures.some((m) => m.types.includes(t)));
  for (const dim of spec.dims) types = intersect(types, dim.types);
  if (spec.filters.recipientIds?.length) types = intersect(types, FILTER_TYPES.recipient_id);
  if (spec.filters.stepIds?.length) types = intersect(types, FILTER_TYPES.step_id);
  return types;
}

const usesDistinct = (m: Measure, byLead: boolean) => byLead && m.agg === "count" && !(m.types.length === 1 && m.types[0] === "source");

export async function aggregate(spec: AggregateSpec): Promise<Aggregate> {
  const types = readTypes(spec);
  const applies = spec.measures.map((m) => m.types.some((t) => types.includes(t)));
  if (!types.length) return { rows: [], applies };
  const db = reportDb();
  const d = dialectOf(db);
  const rows = spec.rules ? await aggregateWithRules(spec, types, d) : await aggregateInSql(spec, types, d);
  if (spec.prices && !spec.rules && types.includes("source")) await addPrices(spec, rows, d);
  for (const row of rows) row.values = row.values.map((v, i) => (applies[i] ? v : null));
  return { rows, applies };
}

interface Inner {
  sql: string;
  params: unknown[];
}

/** SELECT of the matching events with their bucket (`b`), keys (`k0`…) and measure inputs. */
function innerSelect(spec: AggregateSpec, types: readonly EventType[], d: Dialect, extra: { rules?: boolean; outcomes?: readonly string[] } = {}): Inner {
  const params: unknown[] = [];
  const sourceOnly = types.length === 1 && types[0] === "source";
  let usesLead = false;
  const cols: string[] = [`${bucketSql(spec.bucketStarts, d, params)} AS "b"`];
  spec.dims.forEach((dim, i) => {
    const sql = dimensionSql(dim, d, sourceOnly);
    usesLead ||= sql.usesLead;
    cols.push(`${sql.expr} AS "k${i}"`);
  });
  cols.push(`e."type" AS "t"`, `e."outcome" AS "o"`, `e."leadId" AS "lid"`, `${d.micros(`e."price"`)} AS "m"`, `e."ms" AS "ms"`);
  // Reading the document makes every event a table read: only when feedback columns need it.
  const feedback = spec.measures.some((m) => m.feedback);
  if (feedback) {
    const feedbackType = d.provider === "sqlite" ? `json_extract(e."document", '$.vars.feedback.type')` : `(e."document" #>> '{vars,feedback,type}')`;
    cols.push(`CASE WHEN e."type" IN ('feedback-received', 'feedback-sent') THEN ${feedbackType} END AS "ft"`);
  }
  if (extra.rules) {
    cols.push(`e."reason" AS "reason"`, `e."stepId" AS "step"`, `e."flowId" AS "flow"`, `e."sourceId" AS "source"`, `e."recipientId" AS "recipient"`);
    // The lead is joined only for what rules read from it: its purchase price, its fields.
    if (spec.rules?.reads("purchase_price")) {
      cols.push(`${d.micros(`l."price"`)} AS "lm"`);
      usesLead = true;
    }
    if (spec.rules?.readsLead) {
      cols.push(`l."fields" AS "lf"`);
      usesLead = true;
    }
  }
  const where = [`e."timestamp" >= ?`, `e."timestamp" <= ?`, `e."type" IN (${types.map((t) => `'${t}'`).join(", ")})`];
  params.push(d.time(spec.range.start), d.time(spec.range.end));
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  inList(`e."flowId"`, spec.filters.flowIds);
  inList(`e."sourceId"`, spec.filters.sourceIds);
  inList(`e."recipientId"`, spec.filters.recipientIds);
  inList(`e."stepId"`, spec.filters.stepIds);
  inList(`e."outcome"`, extra.outcomes ?? spec.outcomes);
  const from = `"Event" e${usesLead ? ` LEFT JOIN "Lead" l ON l."id" = e."leadId"` : ""}`;
  return { sql: `SELECT ${cols.join(", ")} FROM ${from} WHERE ${where.join(" AND ")}`, params };
}

/**
 * Bucket index of `e.timestamp`. Evenly spaced buckets (hours always, since an hour bucket is a
 * real hour even across DST; days in zones without DST in the range) are one division of the
 * epoch seconds. Others (days across DST, weeks, months, years: at most ~400 buckets) use a
 * balanced tree of `timestamp < ?` comparisons: depth log2(n). The tree is not used for hours
 * because SQLite takes ~1.7 s to prepare a 9,600-leaf tree (hourly over 400 days).
 */
function bucketSql(starts: readonly number[] | null, d: Dialect, params: unknown[]): string {
  if (!starts || starts.length <= 1) return "0";
  const step = starts[1]! - starts[0]!;
  const even = step % 1000 === 0 && starts[0]! % 1000 === 0 && starts.every((s, i) => s === starts[0]! + i * step);
  // Integers computed here, written as literals so that both databases divide integers.
  if (even) return `CAST((${d.epochSeconds(`e."timestamp"`)} - ${starts[0]! / 1000}) / ${step / 1000} AS INTEGER)`;
  return bucketTree(starts.slice(1), d, params);
}

/** The number of boundaries ≤ `e.timestamp`, by a balanced tree of comparisons. */
function bucketTree(boundaries: readonly number[], d: Dialect, params: unknown[]): string {
  const tree = (lo: number, hi: number): string => {
    if (lo === hi) return String(lo);
    const mid = (lo + hi) >> 1;
    params.push(d.time(boundaries[mid]!));
    const left = tree(lo, mid);
    return `CASE WHEN e."timestamp" < ? THEN ${left} ELSE ${tree(mid + 1, hi)} END`;
  };
  return tree(0, boundaries.length);
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

function predicateSql(m: Measure): string {
  const parts = [`"t" IN (${list(m.types)})`];
  if (m.outcomes) parts.push(`"o" IN (${list(m.outcomes)})`);
  if (m.feedback) parts.push(`"ft" = '${m.feedback}'`);
  return parts.join(" AND ");
}

function measureSql(m: Measure, byLead: boolean): string {
  const p = predicateSql(m);
  switch (m.agg) {
    case "count":
      return usesDistinct(m, byLead) ? `COUNT(DISTINCT CASE WHEN ${p} THEN "lid" END)` : `SUM(CASE WHEN ${p} THEN 1 ELSE 0 END)`;
    case "sum":
      return `SUM(CASE WHEN ${p} THEN "m" ELSE 0 END)`;
    case "min":
      return `MIN(CASE WHEN ${p} THEN "m" END)`;
    case "max":
      return `MAX(CASE WHEN ${p} THEN "m" END)`;
    case "sum_ms":
      return `SUM(CASE WHEN ${p} THEN "ms" ELSE 0 END)`;
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function aggregateInSql(spec: AggregateSpec, types: readonly EventType[], d: Dialect): Promise<AggRow[]> {
  const inner = innerSelect(spec, types, d);
  const keys = spec.dims.map((_, i) => `"k${i}"`);
  const group = [`"b"`, ...keys].join(", ");
  const measures = spec.measures.map((m, i) => `${measureSql(m, spec.byLead)} AS "v${i}"`);
  const sql = `SELECT ${group}, ${measures.join(", ")} FROM (${inner.sql}) x GROUP BY ${group} LIMIT ${spec.rowLimit + 1}`;
  const result = await reportDb().all<Record<string, unknown>>(sql, inner.params);
  if (result.length > spec.rowLimit) throw new TooManyRows();
  return result.map((r) => ({
    bucket: Number(r.b),
    keys: spec.dims.map((dim, i) => normalizeKey(dim, r[`k${i}`])),
    values: spec.measures.map((m, i) => (m.agg === "min" || m.agg === "max" ? num(r[`v${i}`]) : (num(r[`v${i}`]) ?? 0))),
    prices: null,
  }));
}

const rowKey = (bucket: number, keys: readonly Key[]) => JSON.stringify([bucket, ...keys]);

/** Purchase prices of successful source events per row, as `micros → count`. */
async function addPrices(spec: AggregateSpec, rows: AggRow[], d: Dialect) {
  const inner = innerSelect(spec, ["source"], d, { outcomes: ["success"] });
  const keys = spec.dims.map((_, i) => `"k${i}"`);
  const group = [`"b"`, ...keys, `"m"`].join(", ");
  const result = await reportDb().all<Record<string, unknown>>(`SELECT ${group}, COUNT(*) AS "n" FROM (${inner.sql}) x GROUP BY ${group}`, inner.params);
  const byKey = new Map(rows.map((r) => [rowKey(r.bucket, r.keys), r]));
  for (const r of result) {
    const row = byKey.get(
      rowKey(
        Number(r.b),
        spec.dims.map((dim, i) => normalizeKey(dim, r[`k${i}`])),
      ),
    );
    if (!row) continue;
    row.prices ??= new Map();
    row.prices.set(Number(r.m), Number(r.n));
  }
  for (const row of rows) row.prices ??= new Map();
}

function parseJson(v: unknown): Record<string, unknown> | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return v as Record<string, unknown>;
}

/**
 * The rules path. The database groups the events by everything a rule can read (type, outcome,
 * reason, ids, prices, lead fields when rules name them) and by bucket and keys; each group is
 * tested once and counted here with its size. Lead ids stay in the grouping only for the event
 * kinds that distinct-lead counts need, so source events (one per lead) still collapse.
 */
async function aggregateWithRules(spec: AggregateSpec, types: readonly EventType[], d: Dialect): Promise<AggRow[]> {
  const inner = innerSelect(spec, types, d, { rules: true });
  const rules = spec.rules!;
  const feedback = spec.measures.some((m) => m.feedback);
  const distinct = spec.measures.map((m) => usesDistinct(m, spec.byLead));
  const distinctTypes = [...new Set(spec.measures.filter((_, i) => distinct[i]).flatMap((m) => m.types))];
  const lid = rules.reads("lead_id") ? `"lid"` : distinctTypes.length ? `CASE WHEN "t" IN (${list(distinctTypes)}) THEN "lid" END` : "NULL";
  // Only what the rules read is grouped on, so a rule on `outcome` leaves few groups.
  const optional: [string, string][] = [
    ["reason", `"reason"`],
    ["step_id", `"step"`],
    ["flow_id", `"flow"`],
    ["source_id", `"source"`],
    ["recipient_id", `"recipient"`],
    ["purchase_price", `"lm"`],
  ];
  const cols = [
    `"b"`,
    ...spec.dims.map((_, i) => `"k${i}"`),
    `"t"`,
    `"o"`,
    ...(feedback ? [`"ft"`] : []),
    `"m"`,
    ...optional.filter(([property]) => rules.reads(property)).map(([, column]) => column),
    ...(rules.readsLead ? [`"lf"`] : []),
    `${lid} AS "gl"`,
    `${rules.reads("ms") ? `"ms"` : "NULL"} AS "gms"`,
  ];
  const groupBy = cols.map((_, i) => String(i + 1)).join(", ");
  const groups = await reportDb().all<Record<string, unknown>>(`SELECT ${cols.join(", ")}, COUNT(*) AS "n", SUM("ms") AS "msum" FROM (${inner.sql}) x GROUP BY ${groupBy}`, inner.params);
  const rows = new Map<string, AggRow & { sets: (Set<string> | null)[] }>();
  for (const r of groups) {
    const type = String(r.t);
    const outcome = String(r.o);
    const micros = Number(r.m);
    const n = Number(r.n);
    const leadMicros = r.lm === null || r.lm === undefined ? 0 : Number(r.lm);
    const purchase = (type === "source" ? micros : leadMicros) / 1e6;
    const fields = parseJson(r.lf);
    const event: RuleEvent = {
      type,
      outcome,
      ...("reason" in r ? { reason: (r.reason as string | null) ?? null } : {}),
      ...("step" in r ? { step_id: (r.step as string | null) ?? null } : {}),
      ...("flow" in r ? { flow_id: String(r.flow) } : {}),
      ...("source" in r ? { source_id: String(r.source) } : {}),
      ...("recipient" in r ? { recipient_id: (r.recipient as string | null) ?? null } : {}),
      ...(r.gl === null || r.gl === undefined ? {} : { lead_id: String(r.gl) }),
      ...(r.gms === null || r.gms === undefined ? {} : { ms: Number(r.gms) }),
      purchase_price: purchase,
      ...(type === "recipient" ? { sale_price: micros / 1e6 } : {}),
      ...(fields ? { lead: fields, vars: { lead: fields, purchase_price: purchase } } : {}),
    };
    if (!rules.test(event)) continue;
    const bucket = Number(r.b);
    const keys = spec.dims.map((dim, i) => normalizeKey(dim, r[`k${i}`]));
    const key = rowKey(bucket, keys);
    let row = rows.get(key);
    if (!row) {
      if (rows.size >= spec.rowLimit) throw new TooManyRows();
      row = {
        bucket,
        keys,
        values: spec.measures.map((m) => (m.agg === "min" || m.agg === "max" ? null : 0)),
        sets: distinct.map((x) => (x ? new Set<string>() : null)),
        prices: spec.prices ? new Map() : null,
      };
      rows.set(key, row);
    }
    const feedbackType = r.ft === null || r.ft === undefined ? null : String(r.ft);
    spec.measures.forEach((m, i) => {
      if (!m.types.includes(type as EventType)) return;
      if (m.outcomes && !m.outcomes.includes(outcome)) return;
      if (m.feedback && m.feedback !== feedbackType) return;
      const v = row.values[i];
      switch (m.agg) {
        case "count":
          if (row.sets[i]) row.sets[i]!.add(String(r.gl));
          else row.values[i] = v! + n;
          break;
        case "sum":
          row.values[i] = v! + micros * n;
          break;
        case "min":
          row.values[i] = v === null ? micros : Math.min(v, micros);
          break;
        case "max":
          row.values[i] = v === null ? micros : Math.max(v, micros);
          break;
        case "sum_ms":
          row.values[i] = v! + Number(r.msum);
          break;
      }
    });
    if (row.prices && type === "source" && outcome === "success") row.prices.set(micros, (row.prices.get(micros) ?? 0) + n);
  }
  return [...rows.values()].map(({ sets, ...row }) => ({ ...row, values: row.values.map((v, i) => (sets[i] ? sets[i]!.size : v)) }));
}

/**
 * Totals over all rows, when adding rows up is exact: no distinct-lead counts (a lead can be in
 * several rows) and no key that drops events from rows. Else `null`: query the totals.
 */
export function mergeRows(spec: AggregateSpec, result: Aggregate, totalTypes: readonly EventType[]): AggRow | null {
  if (spec.measures.some((m) => usesDistinct(m, spec.byLead))) return null;
  const types = readTypes(spec);
  if (types.length !== totalTypes.length) return null;
  const total: AggRow = {
    bucket: 0,
    keys: [],
    values: spec.measures.map((m, i) => (!result.applies[i] ? null : m.agg === "min" || m.agg === "max" ? null : 0)),
    prices: spec.prices ? new Map() : null,
  };
  for (const row of result.rows) {
    spec.measures.forEach((m, i) => {
      const v = row.values[i];
      const t = total.values[i];
      if (v === null || v === undefined || !result.applies[i]) return;
      if (m.agg === "min") total.values[i] = t === null ? v : Math.min(t!, v);
      else if (m.agg === "max") total.values[i] = t === null ? v : Math.max(t!, v);
      else total.values[i] = t! + v;
    });
    if (total.prices && row.prices) for (const [p, n] of row.prices) total.prices.set(p, (total.prices.get(p) ?? 0) + n);
  }
  return total;
}

/** Totals of a spec (08 §4.2): the same measures over all matching events, ignoring groups and buckets. */
export async function totals(spec: AggregateSpec, result: Aggregate): Promise<AggRow> {
  const flat: AggregateSpec = { ...spec, dims: [], bucketStarts: null, rowLimit: 1 };
  // One row for everything already is the totals.
  if (!spec.dims.length && !spec.bucketStarts?.length) return result.rows[0] ?? emptyRow(spec, result.applies, 0);
  const merged = mergeRows(spec, result, readTypes(flat));
  if (merged) return merged;
  const all = await aggregate(flat);
  return (
    all.rows[0] ?? {
      bucket: 0,
      keys: [],
      values: spec.measures.map((m, i) => (!all.applies[i] || m.agg === "min" || m.agg === "max" ? null : 0)),
      prices: spec.prices ? new Map() : null,
    }
  );
}

/** An empty row (dense buckets): zeros where the measure applies. */
export function emptyRow(spec: AggregateSpec, applies: readonly boolean[], bucket: number, keys: Key[] = []): AggRow {
  return {
    bucket,
    keys,
    values: spec.measures.map((m, i) => (!applies[i] || m.agg === "min" || m.agg === "max" ? null : 0)),
    prices: spec.prices ? new Map() : null,
  };
}

export { toMicros };
