"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useState } from "react";
import type { Cap, CapCounter } from "@/components/api/types";
import { TimeZoneInput } from "@/components/flows/time-zone-input";
import { RuleBuilder } from "@/components/rule-builder";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { DragHandle } from "@/components/ui/sortable-list";
import { CapFill } from "./cap-fill";
import { INDENT, type FlatCap } from "./tree";

const UNITS = ["minute", "hour", "day", "week", "month"] as const;

export function CapRow({
  item,
  depth,
  counter,
  parentMaximum,
  readOnly,
  onUpdate,
  onRemove,
  onAddChild,
  moves,
}: {
  item: FlatCap;
  depth: number;
  counter?: CapCounter;
  parentMaximum: number | null;
  readOnly?: boolean;
  onUpdate: (patch: Partial<Cap>) => void;
  onRemove: () => void;
  onAddChild: () => void;
  moves: { up?: () => void; down?: () => void; indent?: () => void; outdent?: () => void };
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, disabled: readOnly });
  const issues = useIssues();
  const cap = item.cap;
  const name = cap.name || "Unnamed cap";
  const [open, setOpen] = useState(false);
  const path = item.path;
  const at = (k: string) => (path === undefined ? undefined : issues.at(`${path}.${k}`));
  const hasIssues = path !== undefined && issues.under(path).some((i) => !i.path.startsWith(`${path}.caps.`));
  const percent = cap.maximum_percent !== null && cap.maximum_percent !== undefined;
  const effective = percent ? (parentMaximum !== null ? Math.floor((parentMaximum * (cap.maximum_percent ?? 0)) / 100) : null) : (cap.maximum ?? null);
  return (
    <li
      ref={setNodeRef}
      // Only the vertical move follows the pointer; sideways the row snaps to the projected depth.
      style={{ transform: CSS.Translate.toString(transform ? { ...transform, x: 0 } : null), transition, marginLeft: depth * INDENT }}
      className={cn("rounded-md border bg-white", isDragging ? "z-10 border-brand-400 opacity-80 shadow-lg" : "border-slate-200", hasIssues && "border-red-300")}
      data-issue-path={path}
    >
      <div role="group" aria-label={`Cap ${name}`} className="flex flex-wrap items-center gap-2 px-2 py-1.5">
        {readOnly ? null : <DragHandle handle={{ attributes, listeners, setActivatorNodeRef }} label={`Drag cap ${name}`} />}
        {depth > 0 ? (
          <span aria-hidden className="text-slate-300">
            ↳
          </span>
        ) : null}
        <Input aria-label={`Cap name`} value={cap.name ?? ""} onChange={(e) => onUpdate({ name: e.target.value })} className="w-48" disabled={readOnly} />
        <span className="text-sm text-slate-500">at most</span>
        {percent ? (
          <span className="flex items-center gap-1">
            <Input
              aria-label={`${name} percentage of parent`}
              type="number"
              min={0}
              max={100}
              value={cap.maximum_percent ?? ""}
              invalid={Boolean(at("maximum_percent"))}
              onChange={(e) => onUpdate({ maximum_percent: e.target.value === "" ? null : Number(e.target.value) })}
              className="w-20"
            />
            <span className="text-sm text-slate-500">% of parent{effective !== null ? ` (${effective})` : ""}</span>
          </span>
        ) : (
          <Input
            aria-label={`${name} maximum leads`}
            type="number"
            min={0}
            value={cap.maximum ?? ""}
            invalid={Boolean(at("maximum"))}
            onChange={(e) => onUpdate({ maximum: e.target.value === "" ? null : Number(e.target.value) })}
            className="w-24"
          />
        )}
        <span className="text-sm text-slate-500">leads per</span>
        <Input
          aria-label={`${name} period length`}
          type="number"
          min={1}
          value={cap.duration}
          invalid={Boolean(at("duration"))}
          onChange={(e) => onUpdate({ duration: Math.max(1, Number(e.target.value) || 1) })}
          className="w-16"
        />
        <Select aria-label={`${name} period unit`} value={cap.duration_units} onChange={(e) => onUpdate({ duration_units: e.target.value as Cap["duration_units"] })} className="w-28">
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
              {cap.duration > 1 ? "s" : ""}
            </option>
          ))}
        </Select>
        {cap.rule_set ? <span className="rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-700">conditional</span> : null}
        <div className="ml-auto flex items-center gap-2">
          <CapFill counter={counter} maximum={effective} />
          {readOnly ? null : (
            <div className="flex items-center">
              <IconButton label={`Move ${name} up`} disabled={!moves.up} onClick={moves.up}>
                ↑
              </IconButton>
              <IconButton label={`Move ${name} down`} disabled={!moves.down} onClick={moves.down}>
                ↓
              </IconButton>
              <IconButton label={`Outdent ${name}`} disabled={!moves.outdent} onClick={moves.outdent}>
                ⇤
              </IconButton>
              <IconButton label={`Indent ${name} under the cap above`} disabled={!moves.indent} onClick={moves.indent}>
                ⇥
              </IconButton>
              <Button size="xs" variant="ghost" onClick={onAddChild} aria-label={`Add child cap to ${name}`}>
                + child
              </Button>
              <IconButton label={`Remove ${name}`} onClick={onRemove}>
                ✕
              </IconButton>
            </div>
          )}
          <Button size="xs" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? "Hide" : "Show"} settings of ${name}`}>
            {open ? "▾" : "▸"} settings
          </Button>
        </div>
      </div>
      {[at("maximum"), at("maximum_percent"), at("duration"), at("time_zone")].filter(Boolean).map((m, i) => (
        <p key={i} className="px-3 pb-1 text-xs font-medium text-red-700">
          {m}
        </p>
      ))}
      {open ? (
        <div className="grid gap-3 border-t border-slate-100 px-3 py-3 md:grid-cols-3">
          <Field label="Limit as" hint={depth === 0 ? "Percentages are for nested caps." : "A share of the parent's maximum for the same period."}>
            {(p) => (
              <Select
                {...p}
                value={percent ? "percent" : "count"}
                disabled={readOnly || (depth === 0 && !percent)}
                onChange={(e) =>
                  onUpdate(e.target.value === "percent" ? { maximum: null, maximum_percent: 50 } : { maximum: effective ?? 100, maximum_percent: null })
                }
              >
                <option value="count">a number of leads</option>
                <option value="percent">a percentage of the parent</option>
              </Select>
            )}
          </Field>
          <Field label="Window" hint="Calendar periods reset at the end of each period; rolling counts the last N units.">
            {(p) => (
              <Select {...p} value={cap.window} onChange={(e) => onUpdate({ window: e.target.value as Cap["window"] })}>
                <option value="calendar">calendar (resets)</option>
                <option value="rolling">rolling</option>
              </Select>
            )}
          </Field>
          <Field label="Time zone" hint="Blank: the account time zone." path={path && `${path}.time_zone`} error={at("time_zone")}>
            {(p) => <TimeZoneInput {...p} value={cap.time_zone ?? ""} onChange={(tz) => onUpdate({ time_zone: tz || null })} />}
          </Field>
          <Field label="Reason when full" className="md:col-span-3" path={path && `${path}.reason`} error={at("reason")} hint="Blank: “Cap reached”.">
            {(p) => <Input {...p} value={cap.reason ?? ""} onChange={(e) => onUpdate({ reason: e.target.value || null })} placeholder="Daily cap reached: {{source.name}}" />}
          </Field>
          <div className="md:col-span-3">
            <p className="mb-1 text-sm font-medium text-slate-700">Only count leads that match</p>
            <p className="mb-2 text-xs text-slate-500">When a lead does not match, this cap and the caps nested in it do not apply to it.</p>
            <RuleBuilder
              label={`${name} condition`}
              value={cap.rule_set}
              onChange={(rule_set) => onUpdate({ rule_set })}
              issuePath={path && `${path}.rule_set`}
              emptyText="No condition: every lead counts."
              readOnly={readOnly}
            />
          </div>
        </div>
      ) : null}
    </li>
  );
}
