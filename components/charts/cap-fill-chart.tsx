"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@/components/api/client";
import { useCapFill } from "@/components/api/use-reports";
import { Card } from "@/components/ui/card";
import { ChartFrame, pct } from "./chart-frame";

/** Fill of each cap in its periods overlapping the range (08 §4.5); needs one flow. */
export function CapFillChart({ query, flowId }: { query: Query; flowId: string | null }) {
  const fill = useCapFill({ ...query, interval: undefined, flow_id: flowId ?? undefined }, Boolean(flowId));
  if (!flowId) {
    return (
      <Card title="Cap fill">
        <p className="text-sm text-slate-500">Choose a flow above to see how full its caps were in each period.</p>
      </Card>
    );
  }
  const all = fill.data ?? [];
  // The chart shows each cap's live period (or the latest ones); the table keeps every period.
  const current = all.filter((r) => r.current);
  const charted = current.length ? current : all.slice(-12);
  const toRow = (r: (typeof all)[number]) => ({
    label: `${r.cap.name} · ${new Date(r.period.start).toLocaleDateString()}${r.current ? " (now)" : ""}`,
    fill: typeof r.fill_rate === "number" ? Math.round(r.fill_rate * 1000) / 10 : 0,
    count: r.count,
    maximum: r.maximum,
    rejected: r.rejected,
  });
  const rows = charted.map(toRow);
  const tableRows = all.map(toRow);
  return (
    <ChartFrame
      title="Cap fill"
      description={`Counted leads against each cap's maximum${current.length ? " in the current period" : ""}; the numbers list every period in the range.`}
      query={fill}
      empty={rows.length === 0}
      table={{ head: ["Cap and period", "Counted", "Maximum", "Rejected", "Fill"], rows: tableRows.map((r) => [r.label, r.count, r.maximum ?? "—", r.rejected, pct(r.fill / 100)]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, (max: number) => Math.max(100, max)]} unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={200} tick={{ fontSize: 11 }} />
          <ReferenceLine x={100} stroke="#ef4444" strokeDasharray="4 4" />
          <Tooltip formatter={(v, _n, item) => [`${v}% (${item.payload.count} of ${item.payload.maximum ?? "?"}, ${item.payload.rejected} refused)`, "Fill"]} />
          <Bar dataKey="fill" name="Fill" radius={[0, 4, 4, 0]}>
            {rows.map((r, i) => (
              <Cell key={i} fill={r.fill >= 100 ? "#ef4444" : r.fill >= 80 ? "#f59e0b" : "#10b981"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
