// GET /api/reports/rejection-reasons (08 §4.3): failed and error source events by exact reason.
import type { RejectionReasonsQuery } from "@/lib/schemas/reports";
import { accountTimeZone } from "@/lib/store/account";
import { aggregate, TooManyRows, type AggregateSpec } from "./aggregate";
import type { Measure } from "./columns";
import { compareKeys, compareText, keyCells, keyHeader, keyValue, parseDimension, sortValue } from "./dimensions";
import { rate } from "./money";
import { ROW_LIMIT, tooManyRows, type ReportResult } from "./result";
import { parseReportRules } from "./rules";
import { namesFor } from "./stats";
import { iso, resolveReportRange } from "./time";

const REJECTED: Measure = { id: "rejected", agg: "count", types: ["source"], outcomes: ["failure", "error"] };
export const NO_REASON = "(no reason)";
export const OTHER = "(other)";

export async function rejectionReasonsReport(query: RejectionReasonsQuery): Promise<ReportResult> {
  const timeZone = query.time_zone ?? (await accountTimeZone());
  const range = resolveReportRange(query.start, query.end, timeZone);
  // `outcome` is always a key: a row is one reason text with one outcome.
  const groups = [...new Set((query.group_by ?? []).filter((g) => g !== "outcome"))].map(parseDimension);
  const dims = [...groups, parseDimension("reason"), parseDimension("outcome")];
  const spec: AggregateSpec = {
    range,
    bucketStarts: null,
    dims,
    measures: [REJECTED],
    byLead: false,
    filters: { flowIds: query.flow_id, sourceIds: query.source_id, recipientIds: query.recipient_id, stepIds: query.step_id },
    outcomes: ["failure", "error"],
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
  const names = await namesFor(dims, result.rows);
  const g = groups.length;

  // Blank reasons are one reason, "(no reason)"; merge rows the database kept apart.
  type Line = { groupKeys: (string | number | null)[]; reason: string; outcome: string | null; count: number };
  const lines = new Map<string, Line>();
  let total = 0;
  for (const row of result.rows) {
    const count = row.values[0] ?? 0;
    if (!count) continue;
    total += count;
    const raw = row.keys[g];
    const reason = raw === null || String(raw).trim() === "" ? NO_REASON : String(raw);
    const outcome = row.keys[g + 1] === null ? null : String(row.keys[g + 1]);
    const groupKeys = row.keys.slice(0, g);
    const key = JSON.stringify([...groupKeys, reason, outcome]);
    const line = lines.get(key) ?? { groupKeys, reason, outcome, count: 0 };
    line.count += count;
    lines.set(key, line);
  }

  // Per group (by name): count desc, then reason in code-point order; beyond `limit`, "(other)".
  const byGroup = new Map<string, Line[]>();
  for (const line of lines.values()) {
    const key = JSON.stringify(line.groupKeys);
    if (!byGroup.has(key)) byGroup.set(key, []);
    byGroup.get(key)!.push(line);
  }
  const groupOrder = [...byGroup.values()].sort((a, b) => {
    for (let i = 0; i < g; i++) {
      const c = compareKeys(sortValue(groups[i]!, a[0]!.groupKeys[i] ?? null, names), sortValue(groups[i]!, b[0]!.groupKeys[i] ?? null, names));
      if (c) return c;
    }
    return 0;
  });
  const rows: Record<string, unknown>[] = [];
  for (const group of groupOrder) {
    group.sort((a, b) => b.count - a.count || compareText(a.reason, b.reason) || compareKeys(a.outcome, b.outcome));
    const kept = group.slice(0, query.limit);
    const rest = group.slice(query.limit);
    const out = (line: Pick<Line, "groupKeys" | "reason" | "outcome" | "count">) => {
      const row: Record<string, unknown> = {};
      groups.forEach((dim, i) => (row[dim.id] = keyValue(dim, line.groupKeys[i] ?? null, names)));
      return Object.assign(row, { reason: line.reason, outcome: line.outcome, count: line.count, share: rate(line.count, total) });
    };
    for (const line of kept) rows.push(out(line));
    if (rest.length) {
      const outcomes = new Set(rest.map((l) => l.outcome));
      rows.push(out({ groupKeys: group[0]!.groupKeys, reason: OTHER, outcome: outcomes.size === 1 ? rest[0]!.outcome : null, count: rest.reduce((s, l) => s + l.count, 0) }));
    }
  }
  if (rows.length > ROW_LIMIT) throw tooManyRows();

  const header = [...groups.flatMap(keyHeader), "reason", "outcome", "count", "share"];
  const tableRows = rows.map((row) => {
    const flat: Record<string, unknown> = {};
    for (const dim of groups) Object.assign(flat, keyCells(dim, row[dim.id]));
    return Object.assign(flat, { reason: row.reason, outcome: row.outcome, count: row.count, share: row.share });
  });
  return {
    body: { start: iso(range.start), end: iso(range.end), time_zone: timeZone, group_by: groups.map((d) => d.id), total, rows },
    table: { header, rows: tableRows },
  };
}
