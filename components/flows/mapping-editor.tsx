"use client";
// Mappings (spec 03 §3): `property ← value` rows, applied in order (later rows overwrite earlier
// ones), each optionally only when a rule set passes. Used for source field mapping and for the
// request a recipient step sends.
import { useId, useState } from "react";
import type { Mapping } from "@/components/api/types";
import { RuleBuilder } from "@/components/rule-builder";
import { Button, IconButton } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { DragHandle, SortableList } from "@/components/ui/sortable-list";
import { newShortId } from "@/lib/ids";

function valueText(v: Mapping["value"]): string {
  if (v === null) return "";
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}

export function MappingEditor({
  mappings,
  onChange,
  path,
  label,
  exclude,
  suggestions = [],
  propertyPlaceholder = "property",
  valuePlaceholder = "{{lead.email}}",
  emptyText = "No mappings.",
}: {
  mappings: readonly Mapping[];
  onChange: (next: Mapping[]) => void;
  path?: string;
  label: string;
  /** Properties edited by dedicated controls elsewhere; kept in the list but not shown here. */
  exclude?: ReadonlySet<string>;
  suggestions?: readonly string[];
  propertyPlaceholder?: string;
  valuePlaceholder?: string;
  emptyText?: string;
}) {
  const issues = useIssues();
  const listId = useId();
  const [openConditions, setOpenConditions] = useState<Set<string>>(new Set());
  const shown = mappings.map((m, index) => ({ m, index })).filter(({ m }) => !exclude?.has(m.property));
  const hidden = mappings.filter((m) => exclude?.has(m.property));
  const replace = (index: number, patch: Partial<Mapping>) => onChange(mappings.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-2">
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {shown.length === 0 ? <p className="text-sm text-slate-500">{emptyText}</p> : null}
      <SortableList
        label={`${label} rows`}
        items={shown}
        getId={(x) => x.m.id ?? String(x.index)}
        itemLabel={(x, i) => `mapping ${i + 1} (${x.m.property || "no property"})`}
        onReorder={(next) => onChange([...hidden, ...next.map((x) => x.m)])}
        className="flex flex-col gap-1.5"
        renderItem={({ m, index }, i, handle) => {
          const at = path === undefined ? undefined : `${path}.${index}`;
          const key = m.id ?? String(index);
          const open = openConditions.has(key) || Boolean(m.rule_set);
          const rowIssues = at === undefined ? [] : issues.under(at).filter((x) => !x.path.startsWith(`${at}.rule_set`));
          return (
            <div className="rounded-md border border-slate-200 bg-white px-2 py-1.5" data-issue-path={at} role="group" aria-label={`Mapping ${i + 1}`}>
              <div className="flex flex-wrap items-center gap-1.5">
                <DragHandle handle={handle} label={`Drag mapping ${i + 1}`} />
                <Input
                  aria-label={`Mapping ${i + 1} property`}
                  list={listId}
                  value={m.property}
                  placeholder={propertyPlaceholder}
                  onChange={(e) => replace(index, { property: e.target.value })}
                  className="w-64 font-mono text-xs"
                  invalid={Boolean(at && issues.at(`${at}.property`))}
                />
                <span aria-hidden className="text-slate-400">
                  ←
                </span>
                <Input
                  aria-label={`Mapping ${i + 1} value`}
                  value={valueText(m.value)}
                  placeholder={valuePlaceholder}
                  onChange={(e) => replace(index, { value: e.target.value })}
                  className="min-w-48 flex-1 font-mono text-xs"
                  invalid={Boolean(at && issues.at(`${at}.value`))}
                />
                {!open ? (
                  <Button size="xs" variant="ghost" onClick={() => setOpenConditions(new Set([...openConditions, key]))}>
                    + condition
                  </Button>
                ) : null}
                <IconButton label={`Remove mapping ${i + 1}`} onClick={() => onChange(mappings.filter((_, j) => j !== index))}>
                  ✕
                </IconButton>
              </div>
              {rowIssues.map((x) => (
                <p key={x.path} className="mt-1 text-xs font-medium text-red-700">
                  {x.message}
                </p>
              ))}
              {open ? (
                <div className="mt-2 pl-7">
                  <p className="mb-1 text-xs text-slate-500">Apply this mapping only when:</p>
                  <RuleBuilder
                    label={`Mapping ${i + 1} condition`}
                    value={m.rule_set}
                    onChange={(rule_set) => {
                      replace(index, { rule_set });
                      if (!rule_set) setOpenConditions(new Set([...openConditions].filter((k) => k !== key)));
                    }}
                    issuePath={at && `${at}.rule_set`}
                    emptyText="No condition: always applied."
                  />
                </div>
              ) : null}
            </div>
          );
        }}
      />
      <div>
        <Button size="sm" onClick={() => onChange([...mappings, { id: newShortId(), property: "", value: "", rule_set: null }])}>
          + Add mapping
        </Button>
      </div>
    </div>
  );
}

/** Reads the value of a single dedicated request variable (url, method…) from a mapping list. */
export function mappingValue(mappings: readonly Mapping[], property: string): string {
  const m = mappings.find((x) => x.property === property && !x.rule_set);
  return m ? valueText(m.value) : "";
}

/** Sets (or with "" removes) a dedicated request variable, keeping every other mapping. */
export function setMappingValue(mappings: readonly Mapping[], property: string, value: string): Mapping[] {
  const i = mappings.findIndex((x) => x.property === property && !x.rule_set);
  if (value === "") return i < 0 ? [...mappings] : mappings.filter((_, j) => j !== i);
  if (i < 0) return [...mappings, { id: newShortId(), property, value, rule_set: null }];
  return mappings.map((m, j) => (j === i ? { ...m, value } : m));
}
