// GET /api/reports/step-outcomes (08 §4.6): outcome counts per step of one flow, in flow order.
import type { Interval, StepOutcomesQuery } from "@/lib/schemas/reports";
import { notFound } from "@/lib/server/errors";
import { accountTimeZone } from "@/lib/store/account";
import { db } from "@/lib/store/prisma";
import { aggregate, TooManyRows, type AggregateSpec, type AggRow } from "./aggregate";
import type { Measure } from "./columns";
import { compareText, parseDimension, splitStepKey } from "./dimensions";
import { money } from "./money";
import { stepsOf, type StepInfo } from "./names";
import { ROW_LIMIT, tooManyRows, type ReportResult } from "./result";
import { parseReportRules } from "./rules";
import { namesFor } from "./stats";
import { bucketsOf, iso, resolveReportRange } from "./time";

const FILTER_OUTCOMES = ["continue", "stop", "error"] as const;
const RECIPIENT_OUTCOMES = ["success", "failure", "error", "skip"] as const;
const MEASURES: Measure[] = [
  ...FILTER_OUTCOMES.map((o): Measure => ({ id: `filter_${o}`, agg: "count", types: ["filter"], outcomes: [o] })),
  ...RECIPIENT_OUTCOMES.map((o): Measure => ({ id: `recipient_${o}`, agg: "count", types: ["recipient"], outcomes: [o] })),
  { id: "revenue", agg: "sum", types: ["recipient"], outcomes: ["success"] },
  { id: "ms", agg: "sum_ms", types: ["filter", "recipient"] },
  { id: "events", agg: "count", types: ["filter", "recipient"] },
];
const at = (id: string) => MEASURES.findIndex((m) => m.id === id);

export async function stepOutcomesReport(query: StepOutcomesQuery): Promise<ReportResult> {
  const flow = await db().flow.findUnique({ where: { id: query.flow_id }, select: { id: true, name: true, deployedVersion: true, latestVersion: true } });
  if (!flow) throw notFound("Flow");
  const timeZone = query.time_zone ?? (await accountTimeZone());
  const range = resolveReportRange(query.start, query.end, timeZone);
  const interval = query.interval as Interval;
  const buckets = interval === "none" ? null : bucketsOf(range, interval, timeZone, ROW_LIMIT);

  const version = flow.deployedVersion ?? flow.latestVersion;
  const deployed = await db().flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version } }, select: { document: true } });
  const current = stepsOf(deployed?.document);

  const spec: AggregateSpec = {
    range,
    bucketStarts: buckets ? buckets.map((b) => b.start) : null,
    dims: [parseDimension("step")],
    measures: MEASURES,
    byLead: false,
    filters: { flowIds: [flow.id], sourceIds: query.source_id, recipientIds: query.recipient_id, stepIds: query.step_id },
    rules: parseReportRules(query.rules),
    prices: false,
    rowLimit: ROW_LIMIT,
  };
  let result;
  try {
    result = await aggregate(spec);
  } catch (err) {
    if (err instanceof TooManyRows) throw tooManyRows();
    throw err;
  }

  // Steps: the deployed version's in flow order, then steps of older versions seen in range.
  const currentIds = new Set(current.map((s) => s.id));
  const seen = new Map<string, AggRow[]>();
  for (const row of result.rows) {
    const [, stepId] = splitStepKey(String(row.keys[0]));
    if (!seen.has(stepId)) seen.set(stepId, []);
    seen.get(stepId)!.push(row);
  }
  const olderIds = [...seen.keys()].filter((id) => !currentIds.has(id));
  const names = await namesFor(spec.dims, olderIds.map((id) => ({ keys: [`${flow.id}:${id}`] })));
  const older: StepInfo[] = olderIds
    .map((id) => {
      const known = names.step(flow.id, id);
      const rows = seen.get(id)!;
      const filterEvents = rows.some((r) => FILTER_OUTCOMES.some((o) => (r.values[at(`filter_${o}`)] ?? 0) > 0));
      return { id, type: known.type ?? (filterEvents ? "filter" : "recipient"), name: known.name };
    })
    .sort((a, b) => compareText(a.name ?? "\u{10FFFF}", b.name ?? "\u{10FFFF}") || compareText(a.id, b.id));
  const steps = [...current.map((s) => ({ ...s, current: true })), ...older.map((s) => ({ ...s, current: false }))];
  const rowCount = (buckets?.length ?? 1) * steps.length;
  if (rowCount > ROW_LIMIT) throw tooManyRows();

  const byKey = new Map(result.rows.map((r) => [`${r.bucket}|${splitStepKey(String(r.keys[0]))[1]}`, r]));
  const rows: Record<string, unknown>[] = [];
  (buckets ?? [null]).forEach((bucket, b) => {
    for (const step of steps) {
      const agg = byKey.get(`${b}|${step.id}`);
      const v = (id: string) => agg?.values[at(id)] ?? 0;
      const row: Record<string, unknown> = {};
      if (bucket) row.bucket = { label: bucket.label, start: iso(bucket.start) };
      row.step = { id: step.id, type: step.type, name: step.name };
      row.current = step.current;
      const events = v("events");
      if (step.type === "filter") {
        Object.assign(row, { reached: v("filter_continue") + v("filter_stop") + v("filter_error"), continue: v("filter_continue"), stop: v("filter_stop"), error: v("filter_error") });
      } else {
        const reached = RECIPIENT_OUTCOMES.reduce((s, o) => s + v(`recipient_${o}`), 0);
        Object.assign(row, {
          reached,
          success: v("recipient_success"),
          failure: v("recipient_failure"),
          error: v("recipient_error"),
          skip: v("recipient_skip"),
          revenue: money(v("revenue")),
        });
      }
      row.avg_ms = events > 0 ? Math.round(v("ms") / events) : null;
      rows.push(row);
    }
  });

  const header = [
    ...(buckets ? ["bucket_label", "bucket_start"] : []),
    "step_id",
    "step_type",
    "step_name",
    "current",
    "reached",
    "continue",
    "stop",
    "success",
    "failure",
    "error",
    "skip",
    "revenue",
    "avg_ms",
  ];
  const tableRows = rows.map((row) => {
    const flat: Record<string, unknown> = {};
    const b = row.bucket as { label: string; start: string } | undefined;
    if (b) Object.assign(flat, { bucket_label: b.label, bucket_start: b.start });
    const s = row.step as StepInfo;
    Object.assign(flat, { step_id: s.id, step_type: s.type, step_name: s.name });
    for (const h of header) if (!(h in flat)) flat[h] = row[h] ?? null;
    return flat;
  });
  return {
    body: { flow: { id: flow.id, name: flow.name }, start: iso(range.start), end: iso(range.end), time_zone: timeZone, interval, rows },
    table: { header, rows: tableRows },
  };
}
