"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@/components/api/client";
import { useStats } from "@/components/api/use-reports";
import { BRAND, ChartFrame, num, pct } from "./chart-frame";

/** Acceptance rate per source (08 §3.3: success / submitted, errors in the denominator). */
export function AcceptanceBySource({ query }: { query: Query }) {
  const stats = useStats({ ...query, interval: undefined, group_by: "source", column: ["source_submitted", "source_success", "acceptance_rate"] });
  const rows = (stats.data?.rows ?? []).map((r) => ({
    name: r.source?.name ?? "(unknown)",
    submitted: num(r.source_submitted),
    success: num(r.source_success),
    rate: typeof r.acceptance_rate === "number" ? Math.round(r.acceptance_rate * 1000) / 10 : 0,
  }));
  return (
    <ChartFrame
      title="Acceptance rate by source"
      query={stats}
      empty={rows.length === 0}
      table={{ head: ["Source", "Received", "Accepted", "Rate"], rows: rows.map((r) => [r.name, r.submitted, r.success, pct(r.rate / 100)]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, _n, item) => [`${v}% (${item.payload.success} of ${item.payload.submitted})`, "Accepted"]} />
          <Bar dataKey="rate" name="Acceptance rate" fill={BRAND} radius={[0, 4, 4, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
