// GET /api/reports/stats (08 §4.2) and its shorthand /volume (08 §4.7).
import { DEFAULT_COLUMNS, type ColumnId, type Interval, type StatsQuery, type VolumeQuery } from "@/lib/schemas/reports";
import { accountTimeZone } from "@/lib/store/account";
import { aggregate, emptyRow, totals, TooManyRows, type AggregateSpec, type AggRow } from "./aggregate";
import { COLUMNS, measuresFor, needsDistribution } from "./columns";
import { compareKeys, keyCells, keyHeader, keyValue, parseDimension, sortValue, splitStepKey, type Dimension, type NameBook } from "./dimensions";
import { loadNames } from "./names";
import { ROW_LIMIT, tooManyRows, type ReportResult } from "./result";
import { parseReportRules } from "./rules";
import { bucketsOf, iso, resolveReportRange, type Bucket } from "./time";

export const VOLUME_COLUMNS: ColumnId[] = ["source_submitted", "source_success", "source_failure", "source_error", "acceptance_rate"];

export async function statsReport(query: StatsQuery): Promise<ReportResult> {
  const timeZone = query.time_zone ?? (await accountTimeZone());
  const range = resolveReportRange(query.start, query.end, timeZone);
  const columns = [...new Set(query.column?.length ? query.column : DEFAULT_COLUMNS)];
  const dims = [...new Map((query.group_by ?? []).map((g) => [g, parseDimension(g)])).values()];
  const interval = query.interval as Interval;
  const buckets = interval === "none" ? null : bucketsOf(range, interval, timeZone, ROW_LIMIT);
  if (buckets && buckets.length > ROW_LIMIT) throw tooManyRows();

  const spec: AggregateSpec = {
    range,
    bucketStarts: buckets ? buckets.map((b) => b.start) : null,
    dims,
    measures: measuresFor(columns),
    byLead: query.by_lead,
    filters: { flowIds: query.flow_id, sourceIds: query.source_id, recipientIds: query.recipient_id, stepIds: query.step_id },
    rules: parseReportRules(query.rules),
    prices: needsDistribution(columns),
    rowLimit: ROW_LIMIT,
  };
  let result;
  try {
    result = await aggregate(spec);
  } catch (err) {
    if (err instanceof TooManyRows) throw tooManyRows();
    throw err;
  }
  const total = await totals(spec, result);

  // Dense without groups: every bucket (or the one row) appears, zeros when empty (08 §2).
  let rows: AggRow[] = result.rows;
  if (!dims.length) {
    const byBucket = new Map(rows.map((r) => [r.bucket, r]));
    rows = (buckets ?? [null]).map((_, i) => byBucket.get(i) ?? emptyRow(spec, result.applies, i));
  }
  const names = await namesFor(dims, rows);
  const sortKeys = rows.map((r) => dims.map((dim, i) => sortValue(dim, r.keys[i] ?? null, names)));
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    if (rows[a]!.bucket !== rows[b]!.bucket) return rows[a]!.bucket - rows[b]!.bucket;
    for (let i = 0; i < dims.length; i++) {
      const c = compareKeys(sortKeys[a]![i]!, sortKeys[b]![i]!);
      if (c) return c;
    }
    return 0;
  });

  const valuesOf = (row: AggRow) => columnValues(spec, columns, row);
  const jsonRows = order.map((i) => {
    const row = rows[i]!;
    const out: Record<string, unknown> = {};
    if (buckets) out.bucket = bucketJson(buckets[row.bucket]!);
    dims.forEach((dim, k) => (out[dim.id] = keyValue(dim, row.keys[k] ?? null, names)));
    return Object.assign(out, valuesOf(row));
  });
  const body = {
    start: iso(range.start),
    end: iso(range.end),
    time_zone: timeZone,
    interval,
    group_by: dims.map((d) => d.id),
    by_lead: query.by_lead,
    columns,
    rows: jsonRows,
    totals: valuesOf(total),
  };
  const header = [...(buckets ? ["bucket_label", "bucket_start"] : []), ...dims.flatMap(keyHeader), ...columns];
  const tableRows = jsonRows.map((row) => {
    const flat: Record<string, unknown> = {};
    if (buckets) {
      const b = row.bucket as unknown as { label: string; start: string };
      flat.bucket_label = b.label;
      flat.bucket_start = b.start;
    }
    for (const dim of dims) Object.assign(flat, keyCells(dim, row[dim.id]));
    for (const c of columns) flat[c] = row[c];
    return flat;
  });
  return { body, table: { header, rows: tableRows } };
}

export function volumeReport(query: VolumeQuery): Promise<ReportResult> {
  return statsReport({ ...query, group_by: undefined, column: VOLUME_COLUMNS });
}

const bucketJson = (b: Bucket) => ({ label: b.label, start: iso(b.start) });

export function columnValues(spec: AggregateSpec, columns: readonly ColumnId[], row: AggRow): Record<string, number | null> {
  const index = new Map(spec.measures.map((m, i) => [m.id, i]));
  const v = (id: string) => row.values[index.get(id)!] ?? null;
  const out: Record<string, number | null> = {};
  for (const c of columns) out[c] = COLUMNS[c].compute(v, { prices: row.prices });
  return out;
}

/** Names for the entity, flow and step keys present in the rows. */
export async function namesFor(dims: readonly Dimension[], rows: readonly { keys: (string | number | null)[] }[]): Promise<NameBook> {
  const entityIds = new Set<string>();
  const flowIds = new Set<string>();
  const steps = new Map<string, Set<string>>();
  dims.forEach((dim, i) => {
    for (const row of rows) {
      const key = row.keys[i];
      if (key === null || key === undefined) continue;
      if (dim.kind === "source" || dim.kind === "recipient") entityIds.add(String(key));
      else if (dim.kind === "flow") flowIds.add(String(key));
      else if (dim.kind === "step") {
        const [flowId, stepId] = splitStepKey(String(key));
        if (!steps.has(flowId)) steps.set(flowId, new Set());
        steps.get(flowId)!.add(stepId);
      }
    }
  });
  return loadNames({ entityIds, flowIds, steps });
}
