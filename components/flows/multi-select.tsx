"use client";
import { Checkbox } from "@/components/ui/input";

/** A small checkbox group for picking several of a few options (fields, lists). */
export function CheckboxGroup({ label, options, value, onChange, error }: { label: string; options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void; error?: string }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium text-slate-700">{label}</legend>
      {options.length === 0 ? <p className="text-xs text-slate-500">Nothing to choose from yet.</p> : null}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
        ))}
      </div>
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
