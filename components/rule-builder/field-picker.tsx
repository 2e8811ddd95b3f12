"use client";
// Picks the rule's left-hand side: a field, a field component or another variable from the
// catalogue, or "Custom" for any path or template (spec 02 §2 allows both).
import { useState } from "react";
import { Input, Select } from "@/components/ui/input";
import { useCatalog } from "./catalog-context";

const CUSTOM = "__custom__";

export function FieldPicker({ value, onChange, label, invalid, describedBy }: { value: string; onChange: (lhv: string) => void; label: string; invalid?: boolean; describedBy?: string }) {
  const catalog = useCatalog();
  // A bare field id (`state`) means the same as `lead.state` (spec 02 §2), so show it as that field.
  const known = catalog.byPath.has(value) ? value : catalog.byPath.has(`lead.${value}`) ? `lead.${value}` : null;
  // Custom mode when the person chose it, or when the lhv is not in the catalogue (a template, an
  // appended path, or the catalogue is still loading) — derived, so late-loading fields still match.
  const [chosenCustom, setCustom] = useState(false);
  const custom = chosenCustom || (value !== "" && known === null);
  const groups = new Map<string, typeof catalog.options>();
  for (const o of catalog.options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  const selectValue = custom ? CUSTOM : (known ?? "");
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <Select
        aria-label={label}
        value={selectValue}
        invalid={invalid}
        aria-describedby={describedBy}
        className="w-52"
        onChange={(e) => {
          const v = e.target.value;
          if (v === CUSTOM) {
            setCustom(true);
            return;
          }
          setCustom(false);
          onChange(v);
        }}
      >
        <option value="" disabled>
          Choose a field…
        </option>
        {[...groups].map(([group, options]) => (
          <optgroup key={group} label={group}>
            {options.map((o) => (
              <option key={o.path} value={o.path}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
        <option value={CUSTOM}>Custom path or template…</option>
      </Select>
      {custom ? (
        <Input
          aria-label={`${label}: custom path or template`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="acme_crm.outcome or {{format …}}"
          invalid={invalid}
          className="w-56 font-mono text-xs"
        />
      ) : null}
    </div>
  );
}
