"use client";
// Ready-to-copy intake URL and examples (spec 07 §1): sources POST JSON or form data to
// /flows/{flow_id}/sources/{source_entity_id}/submit.
import { useEffect, useState } from "react";
import type { FieldRecord } from "@/components/api/types";
import { CopyButton } from "@/components/ui/copy-button";
import { SAMPLE_VALUES } from "@/lib/types/samples";

function shellQuote(s: string) {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

export function SubmissionInfo({ flowId, entityId, fields, authRequired }: { flowId: string; entityId: string; fields: FieldRecord[]; authRequired: boolean }) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}/flows/${flowId}/sources/${entityId}/submit`;
  const sample = Object.fromEntries(fields.slice(0, 6).map((f) => [f.id, SAMPLE_VALUES[f.id] ?? SAMPLE_VALUES[f.type] ?? "example"]));
  const auth = authRequired ? " \\\n  -H 'Authorization: Bearer lfs_YOUR_KEY'" : "";
  const curlJson = `curl -X POST ${shellQuote(url)} \\\n  -H 'Content-Type: application/json' -H 'Accept: application/json'${auth} \\\n  -d ${shellQuote(JSON.stringify(sample))}`;
  const curlForm = `curl -X POST ${shellQuote(url)}${auth} \\\n  ${Object.entries(sample)
    .map(([k, v]) => `--data-urlencode ${shellQuote(`${k}=${v}`)}`)
    .join(" \\\n  ")}`;
  return (
    <div className="flex flex-col gap-3">
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">Submission URL</p>
        <div className="flex items-center gap-2">
          <code className="flex-1 rounded bg-slate-50 px-2 py-1.5 font-mono text-xs break-all ring-1 ring-slate-200" aria-label="Submission URL">
            {url}
          </code>
          <CopyButton text={url} label="Copy URL" />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          POST (or GET) JSON, form-encoded or XML. Leads always get HTTP 201 with {"{"}&quot;outcome&quot;, &quot;reason&quot;, &quot;lead&quot;, &quot;price&quot;{"}"}: read the outcome. The
          URL runs the deployed version of the flow.
        </p>
      </div>
      {[
        ["curl, JSON", curlJson],
        ["curl, form-encoded", curlForm],
      ].map(([title, text]) => (
        <div key={title}>
          <div className="mb-1 flex items-center justify-between">
            <p className="text-sm font-medium text-slate-700">{title}</p>
            <CopyButton text={text} label={`Copy ${title} example`} />
          </div>
          <pre className="overflow-x-auto rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{text}</pre>
        </div>
      ))}
    </div>
  );
}
