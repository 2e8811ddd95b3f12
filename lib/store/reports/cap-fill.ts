// GET /api/reports/cap-fill (08 §3.5, §4.5): per cap of a flow's deployed configuration and per
// cap period overlapping the range, how many leads the cap counted and refused. Periods are the
// cap's own (its time zone, its unit and duration). Past periods are recomputed from events
// (`cap_ids` / `rejected_by_cap_id` on source events, `caps` / `caps_reached` on recipient events
// for step caps); the live period is read from the cap counter (04 §4, 07 §2.9).
import type { Cap } from "@/lib/schemas/flow";
import type { CapFillQuery } from "@/lib/schemas/reports";
import { ApiError, notFound } from "@/lib/server/errors";
import { accountTimeZone } from "@/lib/store/account";
import { db } from "@/lib/store/prisma";
import { calendarPeriodAt, rollingWindowStart, type DurationUnit } from "@/lib/engine/cap-period";
import { reportDb } from "./connection";
import { dialectOf } from "./dialect";
import { rate } from "./money";
import { ROW_LIMIT, tooManyRows, type ReportResult } from "./result";
import { iso, resolveReportRange } from "./time";

interface CapEntry {
  id: string;
  name: string;
  level: "flow" | "source" | "step";
  source_id: string | null;
  step_id: string | null;
  parent_id: string | null;
  maximum: number;
  duration: number;
  units: DurationUnit;
  timeZone: string;
  window: "calendar" | "rolling";
}

interface Period {
  start: number;
  /** Inclusive (`…59.999`). */
  end: number;
}

type FlowDoc = {
  caps?: Cap[];
  sources?: { entity?: { id?: string; name?: string } | null; caps?: Cap[] }[];
  steps?: { id?: string; type?: string; description?: string | null; entity?: { name?: string | null } | null; caps?: Cap[] }[];
};

/** Every cap of the document, depth-first in configured order, with effective maximums (04 §4.5). */
function capsOf(flowName: string, doc: FlowDoc, accountZone: string): CapEntry[] {
  const out: CapEntry[] = [];
  const walk = (
    caps: readonly Cap[] | undefined,
    owner: Pick<CapEntry, "level" | "source_id" | "step_id">,
    ownerLabel: string,
    parent: CapEntry | null,
    counter: { n: number },
  ) => {
    for (const cap of caps ?? []) {
      counter.n++;
      if (!cap.id) continue;
      const maximum =
        cap.maximum ?? (cap.maximum_percent != null && parent ? Math.floor((parent.maximum * cap.maximum_percent) / 100) : 0);
      const entry: CapEntry = {
        id: cap.id,
        name: cap.name?.trim() || `${flowName}: ${ownerLabel} - Cap ${counter.n}`,
        ...owner,
        parent_id: parent?.id ?? null,
        maximum,
        duration: cap.duration ?? 1,
        units: cap.duration_units,
        timeZone: cap.time_zone ?? accountZone,
        window: cap.window ?? "calendar",
      };
      out.push(entry);
      walk(cap.caps, owner, ownerLabel, entry, counter);
    }
  };
  walk(doc.caps, { level: "flow", source_id: null, step_id: null }, "Flow", null, { n: 0 });
  for (const source of doc.sources ?? []) {
    const name = source.entity?.name ?? "Source";
    walk(source.caps, { level: "source", source_id: source.entity?.id ?? null, step_id: null }, `${name} Source`, null, { n: 0 });
  }
  for (const step of doc.steps ?? []) {
    if (!step.id) continue;
    const name = step.description?.trim() || step.entity?.name || step.id;
    walk(step.caps, { level: "step", source_id: null, step_id: step.id }, `${name} Step`, null, { n: 0 });
  }
  return out;
}

interface CounterRow {
  period: string;
  startedAt: number;
  expiresAt: number | null;
  count: number;
  failedCount: number;
}

/**
 * The cap's periods overlapping the range: periods its counter really had (a counter starts at
 * the unit in which traffic (re)started it, 04 §4.4), and between them calendar periods of
 * `duration` units, so quiet periods are listed with zeros.
 */
function periodsOf(cap: CapEntry, from: number, to: number, counters: readonly CounterRow[], limit: number): Period[] {
  const known = counters
    .filter((c) => c.expiresAt !== null && c.expiresAt >= from && c.startedAt <= to)
    .map((c) => ({ start: c.startedAt, end: c.expiresAt! }))
    .sort((a, b) => a.start - b.start);
  const out: Period[] = [];
  let t = from;
  while (t <= to) {
    if (out.length > limit) throw tooManyRows();
    const inKnown = known.find((p) => p.start <= t && t <= p.end);
    if (inKnown) {
      out.push(inKnown);
      t = inKnown.end + 1;
      continue;
    }
    const p = calendarPeriodAt(t, cap.duration, cap.units, cap.timeZone);
    let end = p.expiresAt;
    const nextKnown = known.find((k) => k.start > t);
    if (nextKnown && nextKnown.start <= end) end = nextKnown.start - 1;
    out.push({ start: Math.max(p.startedAt, out.length ? out[out.length - 1]!.end + 1 : p.startedAt), end });
    t = end + 1;
  }
  return out;
}

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : Date.parse(String(v)));

function parseIds(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  const parsed = typeof v === "string" ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** Index of the period containing `t` (periods sorted, disjoint), or -1. */
function periodIndex(periods: readonly Period[], t: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < periods[mid]!.start) hi = mid - 1;
    else if (t > periods[mid]!.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export async function capFillReport(query: CapFillQuery, now = Date.now()): Promise<ReportResult> {
  const flow = await db().flow.findUnique({ where: { id: query.flow_id }, select: { id: true, name: true, deployedVersion: true, latestVersion: true } });
  if (!flow) throw notFound("Flow");
  const accountZone = await accountTimeZone();
  const timeZone = query.time_zone ?? accountZone;
  const range = resolveReportRange(query.start, query.end, timeZone, now);
  const from = range.start.getTime();
  const to = range.end.getTime();
  // 08 §3.5: the maximum is the current deployed configuration's.
  const version = flow.deployedVersion ?? flow.latestVersion;
  const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version } }, select: { document: true } });
  let caps = capsOf(flow.name, (row?.document ?? {}) as FlowDoc, accountZone);
  if (query.cap_id?.length) {
    const unknown = query.cap_id.filter((id) => !caps.some((c) => c.id === id));
    if (unknown.length) throw new ApiError("not_found", `Cap ${unknown[0]} is not in the flow's deployed version`);
    caps = caps.filter((c) => query.cap_id!.includes(c.id));
  }

  const rdb = reportDb();
  const d = dialectOf(rdb);
  const counters = new Map<string, CounterRow[]>();
  if (caps.length) {
    const keys = caps.map((c) => `${flow.id}:${c.id}`);
    const rows = await rdb.all<Record<string, unknown>>(
      `SELECT "capKey", "period", ${d.timeText(`"startedAt"`)} AS "startedAt", ${d.timeText(`"expiresAt"`)} AS "expiresAt", "count", "failedCount" FROM "CapCounter" WHERE "capKey" IN (${keys.map(() => "?").join(", ")})`,
      keys,
    );
    for (const r of rows) {
      const capId = String(r.capKey).slice(flow.id.length + 1);
      if (!counters.has(capId)) counters.set(capId, []);
      counters.get(capId)!.push({
        period: String(r.period),
        startedAt: ms(r.startedAt)!,
        expiresAt: ms(r.expiresAt),
        count: Number(r.count),
        failedCount: Number(r.failedCount),
      });
    }
  }

  // Periods per cap; rolling windows only have the current window (08 §3.5).
  const periods = new Map<string, Period[]>();
  let total = 0;
  for (const cap of caps) {
    let list: Period[];
    if (cap.window === "rolling") {
      const start = rollingWindowStart(now, cap.duration, cap.units, cap.timeZone);
      list = start <= to && now >= from ? [{ start, end: now }] : [];
    } else list = periodsOf(cap, from, to, counters.get(cap.id) ?? [], ROW_LIMIT - total);
    total += list.length;
    if (total > ROW_LIMIT) throw tooManyRows();
    periods.set(cap.id, list);
  }

  // Event-derived counts, over the union of all periods (they may start before the range).
  const counts = new Map<string, { count: number[]; rejected: number[] }>();
  for (const cap of caps) counts.set(cap.id, { count: periods.get(cap.id)!.map(() => 0), rejected: periods.get(cap.id)!.map(() => 0) });
  const all = [...periods.values()].flat();
  if (all.length) {
    const lo = Math.min(...all.map((p) => p.start));
    const hi = Math.max(...all.map((p) => p.end));
    const leadCaps = caps.filter((c) => c.level !== "step");
    if (leadCaps.length) {
      const capIds = d.provider === "sqlite" ? `json_extract(e."document", '$.cap_ids')` : `(e."document" -> 'cap_ids')`;
      const rejectedBy = d.provider === "sqlite" ? `json_extract(e."document", '$.rejected_by_cap_id')` : `(e."document" ->> 'rejected_by_cap_id')`;
      const empty = d.provider === "sqlite" ? `'[]'` : `'[]'::jsonb`;
      const events = await rdb.all<Record<string, unknown>>(
        `SELECT ${d.timeText(`e."timestamp"`)} AS "ts", e."outcome" AS "o", ${capIds} AS "caps", ${rejectedBy} AS "rej" FROM "Event" e
         WHERE e."flowId" = ? AND e."type" = 'source' AND e."timestamp" >= ? AND e."timestamp" <= ? AND e."outcome" IN ('success', 'failure')
           AND (${capIds} <> ${empty} OR ${rejectedBy} IS NOT NULL)`,
        [flow.id, d.time(lo), d.time(hi)],
      );
      for (const ev of events) {
        const t = ms(ev.ts)!;
        const ids = ev.o === "success" ? new Set(parseIds(ev.caps)) : new Set<string>();
        const rejected = ev.rej === null || ev.rej === undefined ? null : String(ev.rej);
        for (const cap of leadCaps) {
          const hit = ids.has(cap.id);
          if (!hit && rejected !== cap.id) continue;
          const i = periodIndex(periods.get(cap.id)!, t);
          if (i < 0) continue;
          if (hit) counts.get(cap.id)!.count[i]!++;
          if (rejected === cap.id) counts.get(cap.id)!.rejected[i]!++;
        }
      }
    }
    const stepCaps = caps.filter((c) => c.level === "step");
    if (stepCaps.length) {
      const stepIds = [...new Set(stepCaps.map((c) => c.step_id!))];
      const capList = d.provider === "sqlite" ? `json_extract(e."document", '$.caps')` : `(e."document" -> 'caps')`;
      const reached = d.provider === "sqlite" ? `json_extract(e."document", '$.caps_reached') = 1` : `(e."document" ->> 'caps_reached') = 'true'`;
      const events = await rdb.all<Record<string, unknown>>(
        `SELECT ${d.timeText(`e."timestamp"`)} AS "ts", e."stepId" AS "step", e."outcome" AS "o", ${capList} AS "caps", CASE WHEN ${reached} THEN 1 ELSE 0 END AS "full" FROM "Event" e
         WHERE e."flowId" = ? AND e."type" = 'recipient' AND e."timestamp" >= ? AND e."timestamp" <= ? AND e."stepId" IN (${stepIds.map(() => "?").join(", ")})
           AND (e."outcome" = 'success' OR ${reached})`,
        [flow.id, d.time(lo), d.time(hi), ...stepIds],
      );
      for (const ev of events) {
        const t = ms(ev.ts)!;
        const listed = parseIds(ev.caps);
        const full = Number(ev.full) === 1;
        for (const cap of stepCaps) {
          if (cap.step_id !== ev.step) continue;
          // The event lists the step caps that applied to it (recipient event `caps`).
          if (listed.length && !listed.includes(cap.id)) continue;
          const i = periodIndex(periods.get(cap.id)!, t);
          if (i < 0) continue;
          if (full) counts.get(cap.id)!.rejected[i]!++;
          else if (ev.o === "success") counts.get(cap.id)!.count[i]!++;
        }
      }
    }
  }

  const rows: Record<string, unknown>[] = [];
  for (const cap of caps) {
    const list = periods.get(cap.id)!;
    list.forEach((period, i) => {
      const current = period.start <= now && now <= period.end;
      let count = counts.get(cap.id)!.count[i]!;
      let rejected = counts.get(cap.id)!.rejected[i]!;
      if (current) {
        // The live period comes from the counter (in-flight reservations are not counts yet).
        const counter = (counters.get(cap.id) ?? []).find((c) => (cap.window === "rolling" ? c.period === "rolling" : c.startedAt === period.start));
        if (counter && cap.window === "calendar") {
          count = counter.count;
          rejected = counter.failedCount;
        }
      }
      rows.push({
        cap: { id: cap.id, name: cap.name, level: cap.level, source_id: cap.source_id, step_id: cap.step_id, parent_id: cap.parent_id },
        period: { start: iso(period.start), end: iso(period.end) },
        maximum: cap.maximum,
        count,
        rejected,
        fill_rate: rate(count, cap.maximum),
        current,
      });
    });
  }
  const header = ["cap_id", "cap_name", "cap_level", "cap_source_id", "cap_step_id", "cap_parent_id", "period_start", "period_end", "maximum", "count", "rejected", "fill_rate", "current"];
  const tableRows = rows.map((r) => {
    const cap = r.cap as Record<string, unknown>;
    const period = r.period as Record<string, unknown>;
    return {
      cap_id: cap.id,
      cap_name: cap.name,
      cap_level: cap.level,
      cap_source_id: cap.source_id,
      cap_step_id: cap.step_id,
      cap_parent_id: cap.parent_id,
      period_start: period.start,
      period_end: period.end,
      maximum: r.maximum,
      count: r.count,
      rejected: r.rejected,
      fill_rate: r.fill_rate,
      current: r.current,
    };
  });
  return {
    body: { flow: { id: flow.id, name: flow.name }, start: iso(range.start), end: iso(range.end), rows },
    table: { header, rows: tableRows },
  };
}
