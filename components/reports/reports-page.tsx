"use client";
// Reports (spec 08): totals, volume over time by outcome, acceptance by source, rejection
// reasons, price distribution, cap fill — for one time range and all or one flow — and a table
// grouped by up to two dimensions. The filters live in the URL; saved reports put them back.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { Query } from "@/components/api/client";
import { useStats } from "@/components/api/use-reports";
import { useMe } from "@/components/api/use-me";
import { AcceptanceBySource, CapFillChart, PriceDistribution, RejectionReasons, VolumeChart } from "@/components/charts";
import { FlowSelect } from "@/components/flows/flow-select";
import { PageHeader } from "@/components/layout/page-header";
import { Field, Input, Select } from "@/components/ui/input";
import { Breakdown } from "./breakdown";
import { DEFAULT_COLUMNS, GROUPS, columnLabel, groupLabel } from "./columns";
import { DEFAULT_RANGE, RANGE_PRESETS as PRESETS, isPreset, passthroughQuery, type RangePreset } from "./report-params";
import { OpenSavedReport, SavedReportActions } from "./saved-reports";

type Preset = RangePreset | "custom";

/** `YYYY-MM-DD` of today minus `days` in the account's time zone (reports read dates there). */
function dateIn(timeZone: string | undefined, days: number): string {
  const d = new Date(Date.now() - days * 864e5);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

export function ReportsPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tz = useMe().data?.time_zone;
  const asked = params.get("range");
  const preset: Preset = asked === "custom" ? "custom" : isPreset(asked) ? asked : DEFAULT_RANGE;
  const flowId = params.get("flow_id");
  const p = preset !== "custom" ? PRESETS[preset] : null;
  const start = p ? dateIn(tz, p.from) : (params.get("start") ?? dateIn(tz, 6));
  const end = p ? dateIn(tz, p.to) : (params.get("end") ?? dateIn(tz, 0));
  const interval = params.get("interval") ?? p?.interval ?? "day";
  const extra = passthroughQuery(params);
  const query: Query = { ...extra, start, end, interval, flow_id: flowId ?? undefined };
  const groupBy = params.getAll("group_by").filter(Boolean);
  const columns = params.getAll("column").filter(Boolean);

  function set(patch: Record<string, string | string[] | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      next.delete(k);
      if (Array.isArray(v)) for (const x of v) next.append(k, x);
      else if (v !== null && v !== "") next.set(k, v);
    }
    router.replace(`${pathname}?${next}`);
  }
  const setGroup = (level: 0 | 1, value: string) => {
    const next = [...groupBy];
    if (value) next[level] = value;
    else next.splice(level);
    set({ group_by: next.filter((g, i) => g && next.indexOf(g) === i) });
  };

  return (
    <div>
      <PageHeader title="Reports" description={`Computed from lead events${tz ? ` in ${tz}` : ""}.`} actions={<SavedReportActions />} />
      <OpenSavedReport />
      <form role="search" aria-label="Report filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => e.preventDefault()}>
        <Field label="Time range">
          {(fp) => (
            <Select {...fp} value={preset} onChange={(e) => set({ range: e.target.value, start: e.target.value === "custom" ? start : null, end: e.target.value === "custom" ? end : null, interval: null })} className="w-44">
              {Object.entries(PRESETS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
              <option value="custom">Custom dates</option>
            </Select>
          )}
        </Field>
        {preset === "custom" ? (
          <>
            <Field label="From">{(fp) => <Input {...fp} type="date" value={start} onChange={(e) => set({ start: e.target.value })} className="w-40" />}</Field>
            <Field label="To">{(fp) => <Input {...fp} type="date" value={end} onChange={(e) => set({ end: e.target.value })} className="w-40" />}</Field>
          </>
        ) : null}
        <Field label="Per">
          {(fp) => (
            <Select {...fp} value={interval} onChange={(e) => set({ interval: e.target.value })} className="w-28">
              <option value="hour">hour</option>
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </Select>
          )}
        </Field>
        <Field label="Flow">
          {(fp) => (
            <FlowSelect {...fp} value={flowId ?? ""} onChange={(id) => set({ flow_id: id || null })} className="w-56" />
          )}
        </Field>
        <Field label="Group by">
          {(fp) => (
            <Select {...fp} value={groupBy[0] ?? ""} onChange={(e) => setGroup(0, e.target.value)} className="w-40">
              <option value="">No grouping</option>
              {GROUPS.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.label}
                </option>
              ))}
              {groupBy[0] && !GROUPS.some((g) => g.id === groupBy[0]) ? <option value={groupBy[0]}>{groupBy[0]}</option> : null}
            </Select>
          )}
        </Field>
        {groupBy[0] ? (
          <Field label="then by">
            {(fp) => (
              <Select {...fp} value={groupBy[1] ?? ""} onChange={(e) => setGroup(1, e.target.value)} className="w-40">
                <option value="">—</option>
                {GROUPS.filter((g) => g.id !== groupBy[0]).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
                {groupBy[1] && !GROUPS.some((g) => g.id === groupBy[1]) ? <option value={groupBy[1]}>{groupLabel(groupBy[1])}</option> : null}
              </Select>
            )}
          </Field>
        ) : null}
      </form>
      {Object.keys(extra).length ? (
        <p className="-mt-2 mb-4 text-xs text-slate-500">
          Also filtered by {Object.entries(extra).map(([k, v]) => `${k.replaceAll("_", " ")} = ${[v].flat().join(", ")}`).join("; ")}.
        </p>
      ) : null}
      {columns.length && !groupBy.length ? (
        <p className="-mt-2 mb-4 text-xs text-slate-500">Columns of this report: {columns.map(columnLabel).join(", ")}. Choose a grouping to see them per group.</p>
      ) : null}
      <Totals query={query} />
      {groupBy.length ? (
        <div className="mt-4">
          <Breakdown query={query} groupBy={groupBy} columns={columns.length ? columns : DEFAULT_COLUMNS} />
        </div>
      ) : null}
      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <VolumeChart query={query} />
        <AcceptanceBySource query={query} />
        <RejectionReasons query={query} />
        <PriceDistribution query={query} />
        <CapFillChart query={query} flowId={flowId} />
      </div>
    </div>
  );
}

function Totals({ query }: { query: Query }) {
  const stats = useStats({ ...query, interval: undefined, column: ["source_submitted", "source_success", "source_failure", "source_error", "acceptance_rate", "cost", "revenue", "profit"] });
  const t = stats.data?.totals ?? {};
  const money = (v: unknown) => (typeof v === "number" ? `$${v.toLocaleString(undefined, { maximumFractionDigits: 2 })}` : "—");
  const items: [string, string][] = [
    ["Leads received", String(t.source_submitted ?? "—")],
    ["Accepted", String(t.source_success ?? "—")],
    ["Rejected", String(t.source_failure ?? "—")],
    ["Errors", String(t.source_error ?? "—")],
    ["Acceptance rate", typeof t.acceptance_rate === "number" ? `${(t.acceptance_rate * 100).toFixed(1)}%` : "—"],
    ["Cost", money(t.cost)],
    ["Revenue", money(t.revenue)],
    ["Profit", money(t.profit)],
  ];
  return (
    <dl aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-8">
      {items.map(([k, v]) => (
        <div key={k} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{stats.isPending ? "…" : v}</dd>
        </div>
      ))}
    </dl>
  );
}
