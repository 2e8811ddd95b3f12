// GET /api/reports/price-distribution (08 §4.4): purchase prices of successful leads (or sale
// prices of successful deliveries, `kind=sale`), per exact price or per price bucket.
import type { PriceDistributionQuery } from "@/lib/schemas/reports";
import { ApiError } from "@/lib/server/errors";
import { accountTimeZone } from "@/lib/store/account";
import { aggregate, TooManyRows, type AggregateSpec } from "./aggregate";
import type { Measure } from "./columns";
import { compareKeys, keyCells, keyHeader, keyValue, parseDimension, sortValue } from "./dimensions";
import { MICROS_PER_DOLLAR, medianOf, money, moneyPer, rate, toMicros } from "./money";
import { ROW_LIMIT, tooManyRows, type ReportResult } from "./result";
import { parseReportRules } from "./rules";
import { namesFor } from "./stats";
import { iso, resolveReportRange } from "./time";

export async function priceDistributionReport(query: PriceDistributionQuery): Promise<ReportResult> {
  const timeZone = query.time_zone ?? (await accountTimeZone());
  const range = resolveReportRange(query.start, query.end, timeZone);
  const sale = query.kind === "sale";
  const types = sale ? (["recipient"] as const) : (["source"] as const);
  const groups = [...new Set(query.group_by ?? [])].map(parseDimension);
  const priceDim = parseDimension(sale ? "sale_price" : "purchase_price");
  const measures: Measure[] = [
    { id: "count", agg: "count", types, outcomes: ["success"] },
    { id: "amount", agg: "sum", types, outcomes: ["success"] },
  ];
  const spec: AggregateSpec = {
    range,
    bucketStarts: null,
    dims: [...groups, priceDim],
    measures,
    // A distribution counts events: each delivery's sale price is one observation.
    byLead: false,
    filters: { flowIds: query.flow_id, sourceIds: query.source_id, recipientIds: query.recipient_id, stepIds: query.step_id },
    outcomes: ["success"],
    rules: parseReportRules(query.rules),
    prices: false,
    rowLimit: 100_000,
  };
  let result;
  try {
    result = await aggregate(spec);
  } catch (err) {
    if (err instanceof TooManyRows) throw tooManyRows();
    throw err;
  }
  const names = await namesFor(spec.dims, result.rows);
  const g = groups.length;
  const size = query.bucket_size === undefined ? null : toMicros(query.bucket_size);
  if (size !== null && size <= 0) {
    throw new ApiError("validation", "bucket_size is too small", { issues: [{ path: "bucket_size", message: "must be at least 0.000001" }] });
  }

  // Lines per group and price (or bucket index), with exact micro amounts.
  type Line = { groupKeys: (string | number | null)[]; at: number; count: number; amount: number };
  const lines = new Map<string, Line>();
  const overall = new Map<number, number>();
  const groupCounts = new Map<string, number>();
  let count = 0;
  let sum = 0;
  for (const row of result.rows) {
    const n = row.values[0] ?? 0;
    if (!n) continue;
    const price = Number(row.keys[g]);
    const amount = row.values[1] ?? 0;
    const at = size === null ? price : Math.floor(price / size);
    const groupKeys = row.keys.slice(0, g);
    const key = JSON.stringify([...groupKeys, at]);
    const line = lines.get(key) ?? { groupKeys, at, count: 0, amount: 0 };
    line.count += n;
    line.amount += amount;
    lines.set(key, line);
    overall.set(price, (overall.get(price) ?? 0) + n);
    const gk = JSON.stringify(groupKeys);
    groupCounts.set(gk, (groupCounts.get(gk) ?? 0) + n);
    count += n;
    sum += amount;
  }
  const sorted = [...lines.values()].sort((a, b) => {
    for (let i = 0; i < g; i++) {
      const c = compareKeys(sortValue(groups[i]!, a.groupKeys[i] ?? null, names), sortValue(groups[i]!, b.groupKeys[i] ?? null, names));
      if (c) return c;
    }
    return a.at - b.at;
  });
  if (sorted.length > ROW_LIMIT) throw tooManyRows();
  const dollars = (micros: number) => micros / MICROS_PER_DOLLAR;
  const rows = sorted.map((line) => {
    const row: Record<string, unknown> = {};
    groups.forEach((dim, i) => (row[dim.id] = keyValue(dim, line.groupKeys[i] ?? null, names)));
    if (size === null) row.price = dollars(line.at);
    else Object.assign(row, { from: dollars(line.at * size), to: dollars((line.at + 1) * size) });
    // Share of the count in the row's group (of all rows when ungrouped).
    return Object.assign(row, { count: line.count, amount: money(line.amount), share: rate(line.count, groupCounts.get(JSON.stringify(line.groupKeys)) ?? 0) });
  });
  const prices = [...overall.keys()];
  const summary = {
    count,
    sum: money(sum),
    min: prices.length ? money(prices.reduce((a, b) => Math.min(a, b))) : null,
    max: prices.length ? money(prices.reduce((a, b) => Math.max(a, b))) : null,
    avg: moneyPer(sum, count),
    median: medianOf(overall),
  };
  const header = [...groups.flatMap(keyHeader), ...(size === null ? ["price"] : ["from", "to"]), "count", "amount", "share"];
  const tableRows = rows.map((row) => {
    const flat: Record<string, unknown> = {};
    for (const dim of groups) Object.assign(flat, keyCells(dim, row[dim.id]));
    for (const h of header) if (!(h in flat)) flat[h] = row[h];
    return flat;
  });
  return {
    body: {
      start: iso(range.start),
      end: iso(range.end),
      time_zone: timeZone,
      kind: query.kind,
      bucket_size: query.bucket_size ?? null,
      group_by: groups.map((d) => d.id),
      rows,
      summary,
    },
    table: { header, rows: tableRows },
  };
}
