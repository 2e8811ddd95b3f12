"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@/components/api/client";
import { useVolume } from "@/components/api/use-reports";
import { ChartFrame, OUTCOME_COLORS, num } from "./chart-frame";

/** Leads over time, stacked by outcome, with the acceptance rate as a line (08 §4.7). */
export function VolumeChart({ query }: { query: Query }) {
  const volume = useVolume(query);
  const rows = (volume.data?.rows ?? []).map((r) => ({
    label: r.bucket?.label ?? "",
    success: num(r.source_success),
    failure: num(r.source_failure),
    error: num(r.source_error),
    rate: typeof r.acceptance_rate === "number" ? Math.round(r.acceptance_rate * 1000) / 10 : null,
  }));
  const total = rows.reduce((a, r) => a + r.success + r.failure + r.error, 0);
  return (
    <ChartFrame
      title="Volume by outcome"
      description="Leads received per period, stacked by their final outcome; the line is the acceptance rate."
      query={volume}
      empty={total === 0}
      table={{ head: ["Period", "Success", "Failure", "Error", "Acceptance"], rows: rows.map((r) => [r.label, r.success, r.failure, r.error, r.rate === null ? "—" : `${r.rate}%`]) }}
      className="xl:col-span-2"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis yAxisId="r" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => (name === "Acceptance rate" ? `${v}%` : v)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="n" dataKey="success" name="Success" stackId="o" fill={OUTCOME_COLORS.success} />
          <Bar yAxisId="n" dataKey="failure" name="Failure" stackId="o" fill={OUTCOME_COLORS.failure} />
          <Bar yAxisId="n" dataKey="error" name="Error" stackId="o" fill={OUTCOME_COLORS.error} />
          <Line yAxisId="r" type="monotone" dataKey="rate" name="Acceptance rate" stroke="#1e293b" strokeWidth={2} dot={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

