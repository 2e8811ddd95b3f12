"use client";
// The right-hand value control fits the operator (spec 02 §5): nothing for unary operators, a
// chip list for "is included in", two bounds for "is between", one text box otherwise. Text
// boxes accept templates (`{{lead.state}}`, spec 02 §3).
import { operatorInfo } from "@/lib/rules/operators";
import { toList } from "@/lib/rules/values";
import { rhvText } from "@/lib/rules/reason";
import type { Rhv } from "@/lib/rules/types";
import { Input } from "@/components/ui/input";
import { TagInput } from "./tag-input";

const LIST_OPS = new Set(["is included in", "is not included in"]);
const RANGE_OPS = new Set(["is between", "is not between"]);

export type ValueKind = "none" | "list" | "range" | "text";

export function valueKind(op: string): ValueKind {
  const info = operatorInfo(op);
  if (info?.arity === "unary") return "none";
  if (LIST_OPS.has(op)) return "list";
  if (RANGE_OPS.has(op)) return "range";
  return "text";
}

/** Carries a value over when the operator changes, in the shape the new operator wants. */
export function convertRhv(rhv: Rhv | null | undefined, kind: ValueKind): Rhv | undefined {
  if (kind === "none") return undefined;
  if (kind === "list") return toList(rhv).map((v) => rhvText(v));
  if (kind === "range") {
    const r = rangeParts(rhv);
    return [r[0], r[1]];
  }
  if (Array.isArray(rhv)) return rhv.map((v) => rhvText(v)).join(", ");
  return rhv ?? "";
}

/** `[min, max]`, or a range string like "600-750" / "600 to 750", split into its two bounds. */
function rangeParts(rhv: Rhv | null | undefined): [string, string] {
  if (Array.isArray(rhv)) return [rhvText(rhv[0] ?? ""), rhvText(rhv[1] ?? "")];
  const s = rhvText(rhv ?? "").trim();
  const m = /^(-?[^\s-]+)\s*(?:-|to)\s*(.*)$/i.exec(s);
  if (m) return [m[1], m[2]];
  return [s, ""];
}

export function ValueInput({
  op,
  value,
  onChange,
  label,
  invalid,
  describedBy,
}: {
  op: string;
  value: Rhv | null | undefined;
  onChange: (next: Rhv | undefined) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const kind = valueKind(op);
  if (kind === "none") {
    return <span className="px-1 text-xs text-slate-400 italic">no value needed</span>;
  }
  if (kind === "list") {
    const values = toList(value).map((v) => rhvText(v));
    return <TagInput values={values} onChange={(v) => onChange(v)} label={label} invalid={invalid} describedBy={describedBy} />;
  }
  if (kind === "range") {
    const [min, max] = rangeParts(value);
    return (
      <div className="flex items-center gap-1.5">
        <Input aria-label={`${label} from`} value={min} onChange={(e) => onChange([e.target.value, max])} invalid={invalid} aria-describedby={describedBy} className="w-24" placeholder="from" />
        <span className="text-xs text-slate-500">and</span>
        <Input aria-label={`${label} to`} value={max} onChange={(e) => onChange([min, e.target.value])} invalid={invalid} aria-describedby={describedBy} className="w-24" placeholder="to (blank = no limit)" />
      </div>
    );
  }
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : rhvText(value);
  const placeholder = op.includes("pattern") ? "512* or /^5\\d{2}/" : "value or {{template}}";
  return <Input aria-label={label} value={text} onChange={(e) => onChange(e.target.value)} invalid={invalid} aria-describedby={describedBy} placeholder={placeholder} className="min-w-40" />;
}
