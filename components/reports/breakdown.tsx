"use client";
// The grouped table of a stats report (spec 08 §4.2): one row per group (nested in group_by
// order), the chosen columns, totals, and the same report as CSV.
import { toSearch, type Query } from "@/components/api/client";
import { useStats } from "@/components/api/use-reports";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { columnLabel, formatColumn, groupLabel, groupValue } from "./columns";

export function Breakdown({ query, groupBy, columns }: { query: Query; groupBy: string[]; columns: string[] }) {
  const q: Query = { ...query, interval: undefined, group_by: groupBy, column: columns };
  const stats = useStats(q);
  const rows = stats.data?.rows ?? [];
  const cols = stats.data?.columns ?? columns;
  const title = `By ${groupBy.map(groupLabel).join(" and ").toLowerCase()}`;
  return (
    <Card
      title={title}
      description="Totals over the whole range, one row per group."
      actions={
        <a className={buttonClass("secondary", "sm")} href={`/api/reports/stats${toSearch({ ...q, format: "csv" })}`} download>
          Download CSV
        </a>
      }
    >
      {stats.data === undefined ? <QueryState query={stats} label="the breakdown" /> : null}
      {stats.data && rows.length === 0 ? <EmptyState title="Nothing in this range" /> : null}
      {rows.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                {groupBy.map((g) => (
                  <th key={g} className="py-2 pr-3 font-medium">
                    {groupLabel(g)}
                  </th>
                ))}
                {cols.map((c) => (
                  <th key={c} className="py-2 pr-3 text-right font-medium">
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r, i) => (
                <tr key={i}>
                  {groupBy.map((g) => (
                    <td key={g} className="py-1.5 pr-3">
                      {groupValue(g, r[g])}
                    </td>
                  ))}
                  {cols.map((c) => (
                    <td key={c} className="py-1.5 pr-3 text-right tabular-nums">
                      {formatColumn(c, r[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300 font-semibold">
                <th scope="row" colSpan={groupBy.length} className="py-2 pr-3 text-left">
                  Total
                </th>
                {cols.map((c) => (
                  <td key={c} className="py-2 pr-3 text-right tabular-nums">
                    {formatColumn(c, stats.data?.totals?.[c])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
