"use client";
import { useState } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A list of values as removable chips. Enter, Tab or a comma adds the typed value; pasting
 * "TX, CA, NY" adds three. Backspace in the empty input removes the last chip.
 */
export function TagInput({
  values,
  onChange,
  label,
  placeholder = "Type a value, press Enter",
  invalid,
  describedBy,
}: {
  values: string[];
  onChange: (next: string[]) => void;
  label: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState("");
  function add(raw: string) {
    const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length === 0) return;
    onChange([...values, ...parts.filter((p) => !values.includes(p))]);
    setText("");
  }
  return (
    <div
      className={cn(
        "flex min-h-9 flex-wrap items-center gap-1 rounded-md border bg-white px-1.5 py-1 focus-within:ring-2",
        invalid ? "border-red-400 focus-within:ring-red-100" : "border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-100",
      )}
    >
      <ul className="contents">
        {values.map((v, i) => (
          <li key={`${v}-${i}`} className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-1 pl-2 text-xs text-slate-800">
            {v}
            <button
              type="button"
              aria-label={`Remove ${v}`}
              className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={text}
        placeholder={values.length ? "" : placeholder}
        onChange={(e) => {
          const v = e.target.value;
          if (v.includes(",")) add(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            add(text);
          } else if (e.key === "Backspace" && text === "" && values.length) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => add(text)}
        className="h-7 min-w-24 flex-1 border-0 bg-transparent px-1 text-sm outline-none"
      />
    </div>
  );
}
