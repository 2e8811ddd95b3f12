"use client";
import type { CapCounter, Step } from "@/components/api/types";
import { describeRuleSet } from "@/lib/rules/reason";
import { useCatalog } from "@/components/rule-builder";
import { Badge } from "@/components/ui/badge";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { DragHandle, type DragHandleProps } from "@/components/ui/sortable-list";
import { FilterForm } from "./filter-form";
import { RecipientForm } from "./recipient-form";
import { stepKind, stepTitle } from "./steps";

const KIND_STYLE = {
  filter: { label: "Filter", tone: "amber" as const, bar: "border-l-amber-400" },
  enhancement: { label: "Enhancement", tone: "violet" as const, bar: "border-l-violet-400" },
  recipient: { label: "Recipient", tone: "blue" as const, bar: "border-l-sky-500" },
};

/** One step as a card: a summary line with the drag handle and actions, the settings below it. */
export function StepCard({
  step,
  index,
  count,
  path,
  open,
  onToggle,
  onChange,
  onMove,
  onDuplicate,
  onRemove,
  handle,
  counters,
}: {
  step: Step;
  index: number;
  count: number;
  path: string;
  open: boolean;
  onToggle: () => void;
  onChange: (s: Step) => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onRemove: () => void;
  handle: DragHandleProps;
  counters?: ReadonlyMap<string, CapCounter>;
}) {
  const issues = useIssues();
  const catalog = useCatalog();
  const kind = stepKind(step);
  const style = KIND_STYLE[kind];
  const title = stepTitle(step);
  const name = `step ${index + 1} (${title})`;
  const problems = issues.under(path).length;
  const summary =
    step.type === "filter"
      ? `Stops leads where ${describeRuleSet(step.rule_set, catalog.fieldNames)}`
      : `${step.integration?.mappings?.find((m) => m.property === "url")?.value ?? step.integration?.module_id ?? ""}${step.rule_set?.rules?.length ? ` · only when ${describeRuleSet(step.rule_set, catalog.fieldNames)}` : ""}`;
  return (
    <article
      aria-label={`Step ${index + 1}: ${title}`}
      data-issue-path={path}
      className={cn("rounded-lg border border-l-4 bg-white shadow-xs", style.bar, problems ? "border-red-300" : "border-slate-200", step.enabled === false && "opacity-60")}
    >
      <div className="flex flex-wrap items-center gap-2 px-3 py-2">
        <DragHandle handle={handle} label={`Drag ${name}`} />
        <span className="w-6 text-sm font-semibold text-slate-400 tabular-nums">{index + 1}</span>
        <Badge tone={style.tone}>{style.label}</Badge>
        <button type="button" onClick={onToggle} aria-expanded={open} className="min-w-0 flex-1 text-left">
          <span className="block truncate text-sm font-medium text-slate-900">{title}</span>
          <span className="block truncate text-xs text-slate-500">{summary}</span>
        </button>
        {problems ? <Badge tone="red">{problems} problem{problems === 1 ? "" : "s"}</Badge> : null}
        <Switch checked={step.enabled !== false} onChange={(enabled) => onChange({ ...step, enabled })} label={<span className="sr-only">Enable {name}</span>} />
        <div className="flex items-center">
          <IconButton label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
            ↑
          </IconButton>
          <IconButton label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            ↓
          </IconButton>
          <IconButton label={`Duplicate ${name}`} onClick={onDuplicate}>
            <svg width="13" height="13" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
              <rect x="5" y="5" width="9" height="9" rx="1.5" />
              <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
            </svg>
          </IconButton>
          <IconButton label={`Remove ${name}`} onClick={onRemove}>
            ✕
          </IconButton>
        </div>
        <Button size="xs" variant="ghost" onClick={onToggle} aria-label={`${open ? "Collapse" : "Edit"} ${name}`}>
          {open ? "Done" : "Edit"}
        </Button>
      </div>
      {open ? (
        <div className="border-t border-slate-100 px-4 py-4">
          {step.type === "filter" ? (
            <FilterForm step={step} onChange={onChange} path={path} />
          ) : (
            <RecipientForm step={step} onChange={onChange} path={path} counters={counters} />
          )}
        </div>
      ) : null}
    </article>
  );
}
