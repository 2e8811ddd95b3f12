"use client";
// A collapsible JSON tree built on <details>/<summary>, so it is keyboard- and screen-reader-
// accessible without extra code. Large payloads stay readable: only the first levels start open.
import { CopyButton } from "@/components/ui/copy-button";

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-slate-400">null</span>;
  if (value === undefined) return <span className="text-slate-400">undefined</span>;
  if (typeof value === "string") return <span className="break-all text-emerald-800">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-sky-800">{value}</span>;
  if (typeof value === "boolean") return <span className="text-violet-800">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const isObj = value !== null && typeof value === "object";
  const label = name !== undefined ? <span className="text-slate-600">{name}: </span> : null;
  if (!isObj) {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        <span className="text-slate-400">{brackets.join("")}</span>
      </div>
    );
  }
  return (
    <details open={depth < openDepth} className="pl-4">
      <summary className="cursor-pointer marker:text-slate-400">
        {label}
        <span className="text-slate-400">
          {brackets[0]} {entries.length} {Array.isArray(value) ? "items" : "keys"} {brackets[1]}
        </span>
      </summary>
      {entries.map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
      ))}
    </details>
  );
}

export function JsonView({ value, openDepth = 2, label }: { value: unknown; openDepth?: number; label?: string }) {
  return (
    <div className="relative rounded-md bg-slate-50 py-2 pr-2 font-mono text-xs ring-1 ring-slate-200" aria-label={label}>
      <div className="absolute top-1.5 right-1.5">
        <CopyButton text={JSON.stringify(value, null, 2) ?? ""} label="Copy JSON" />
      </div>
      <div className="-ml-2 max-h-[32rem] overflow-auto pr-20">
        <Node value={value} depth={0} openDepth={openDepth} />
      </div>
    </div>
  );
}
