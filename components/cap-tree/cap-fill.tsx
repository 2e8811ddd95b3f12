import type { CapCounter } from "@/components/api/types";
import { cn } from "@/components/ui/cn";

/** Current fill of a cap from its live counter (spec 07 §2.9). */
export function CapFill({ counter, maximum }: { counter?: CapCounter; maximum: number | null }) {
  if (!counter) {
    return <span className="text-xs text-slate-400" title="No counter yet: the cap has no traffic in its current period, or the flow is not deployed.">no leads yet</span>;
  }
  const max = counter.effective_maximum ?? maximum ?? 0;
  const rate = counter.fill_rate ?? (max > 0 ? counter.count / max : 0);
  const pct = Math.min(100, Math.round(rate * 100));
  const tone = rate >= 1 ? "bg-red-500" : rate >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  const resets = counter.expires_at ? `resets ${new Date(counter.expires_at).toLocaleString()}` : "rolling window";
  return (
    <span className="flex items-center gap-2 text-xs text-slate-600" title={`${counter.count} counted, ${counter.reserved ?? 0} in flight, ${counter.failed_count ?? 0} refused; ${resets}`}>
      <span
        className="relative h-2 w-24 overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-label="Current fill"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={counter.count}
      >
        <span className={cn("absolute inset-y-0 left-0 rounded-full", tone)} style={{ width: `${pct}%` }} />
      </span>
      <span className="tabular-nums">
        {counter.count}/{max} ({pct}%)
      </span>
    </span>
  );
}
