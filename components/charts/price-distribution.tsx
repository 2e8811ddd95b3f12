"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@/components/api/client";
import { usePriceDistribution } from "@/components/api/use-reports";
import { BRAND, ChartFrame, money, pct } from "./chart-frame";

/** Purchase prices of accepted leads (08 §4.4), with count, sum, average and median. */
export function PriceDistribution({ query }: { query: Query }) {
  const dist = usePriceDistribution({ ...query, interval: undefined });
  const rows = (dist.data?.rows ?? []).map((r) => ({
    label: r.price !== undefined ? money(r.price) : `${money(r.from)}–${money(r.to)}`,
    count: r.count,
    amount: r.amount,
    share: r.share,
  }));
  const s = dist.data?.summary;
  return (
    <ChartFrame
      title="Price distribution"
      description={s && s.count ? `${s.count} paid leads · total ${money(s.sum)} · average ${money(s.avg)} · median ${money(s.median)}` : undefined}
      query={dist}
      empty={rows.length === 0}
      table={{ head: ["Price", "Leads", "Amount", "Share"], rows: rows.map((r) => [r.label, r.count, money(r.amount), pct(r.share)]) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, _n, item) => [`${v} leads (${money(item.payload.amount)})`, "Accepted"]} />
          <Bar dataKey="count" name="Leads" fill={BRAND} radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
