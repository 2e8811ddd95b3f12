"use client";
// Every chart comes with its numbers as a table (open "Show the numbers"), so the data is
// available to screen readers and for copying.
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";

export const OUTCOME_COLORS = { success: "#10b981", failure: "#ef4444", error: "#f59e0b", skip: "#94a3b8" };
export const BRAND = "#2563eb";

export function ChartFrame({
  title,
  description,
  query,
  empty,
  table,
  children,
  className,
}: {
  title: string;
  description?: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; data?: unknown };
  empty?: boolean;
  table?: { head: string[]; rows: (string | number)[][] };
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Card title={title} description={description} className={className}>
      {query.data === undefined ? (
        <QueryState query={query} label={title.toLowerCase()} />
      ) : empty ? (
        <EmptyState title="Nothing in this range" />
      ) : (
        <figure aria-label={title}>
          <div className="h-64 w-full">{children}</div>
          {table ? (
            <details className="mt-2 text-xs">
              <summary className="cursor-pointer text-slate-500">Show the numbers</summary>
              <table className="mt-2 w-full">
                <thead>
                  <tr className="text-left text-slate-500">
                    {table.head.map((h) => (
                      <th key={h} className="py-1 pr-3 font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {table.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j} className="py-1 pr-3 tabular-nums">
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </figure>
      )}
    </Card>
  );
}

export const pct = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—");
export const money = (v: unknown) => (typeof v === "number" ? `$${v.toLocaleString(undefined, { maximumFractionDigits: 2 })}` : "—");
export const num = (v: unknown) => (typeof v === "number" ? v : 0);
