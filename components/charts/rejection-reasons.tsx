"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@/components/api/client";
import { useRejectionReasons } from "@/components/api/use-reports";
import { ChartFrame, OUTCOME_COLORS, pct } from "./chart-frame";

/** Top rejection reasons (08 §4.3), failures red and errors amber. */
export function RejectionReasons({ query }: { query: Query }) {
  const reasons = useRejectionReasons({ ...query, interval: undefined, limit: 10 });
  const rows = (reasons.data ?? []).map((r) => ({ ...r, label: r.reason.length > 40 ? `${r.reason.slice(0, 38)}…` : r.reason }));
  return (
    <ChartFrame
      title="Top rejection reasons"
      query={reasons}
      empty={rows.length === 0}
      table={{ head: ["Reason", "Outcome", "Leads", "Share"], rows: rows.map((r) => [r.reason, r.outcome, r.count, pct(r.share)]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={180} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, _n, item) => [`${v} (${pct(item.payload.share)})`, item.payload.outcome]} labelFormatter={(_l, p) => p?.[0]?.payload?.reason ?? ""} />
          <Bar dataKey="count" name="Leads" radius={[0, 4, 4, 0]}>
            {rows.map((r, i) => (
              <Cell key={i} fill={r.outcome === "error" ? OUTCOME_COLORS.error : OUTCOME_COLORS.failure} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
