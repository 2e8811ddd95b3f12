"use client";
// CSV upload into a suppression list (spec 07 §2.7): the file goes up with a byte progress bar
// (XMLHttpRequest reports upload progress, fetch does not), then the import job is polled until
// it reports its result summary.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useUploadJob } from "@/components/api/use-lists";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";

type Phase = { kind: "idle" } | { kind: "uploading"; loaded: number; total: number } | { kind: "failed"; message: string } | { kind: "importing"; jobId: string };

function upload(listId: string, file: File, query: URLSearchParams, onProgress: (loaded: number, total: number) => void): Promise<{ job_id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/suppression-lists/${listId}/items/upload?${query}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: { job_id?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.job_id) resolve({ job_id: body.job_id });
      else reject(new Error(body.message ?? `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check the connection and try again."));
    xhr.send(file);
  });
}

export function CsvUpload({ listId, kind }: { listId: string; kind: string }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [column, setColumn] = useState("1");
  const [header, setHeader] = useState<"" | "true" | "false">("");
  const [normalize, setNormalize] = useState(kind === "dnc" ? "phone" : "none");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const job = useUploadJob(listId, phase.kind === "importing" ? phase.jobId : null);
  const result = job.data;
  const done = result && result.status !== "running";
  useEffect(() => {
    // The list's item count changed.
    if (done) void qc.invalidateQueries({ queryKey: ["suppression-lists"] });
  }, [done, qc]);

  async function start() {
    if (!file) return;
    const q = new URLSearchParams({ column, normalize });
    if (header) q.set("header", header);
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    try {
      const { job_id } = await upload(listId, file, q, (loaded, total) => setPhase({ kind: "uploading", loaded, total }));
      setPhase({ kind: "importing", jobId: job_id });
    } catch (err) {
      setPhase({ kind: "failed", message: (err as Error).message });
    }
  }

  const pct = phase.kind === "uploading" && phase.total ? Math.round((phase.loaded / phase.total) * 100) : phase.kind === "importing" ? 100 : 0;
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="CSV file" className="sm:col-span-4">
          {(p) => <input {...p} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" />}
        </Field>
        <Field label="Column" hint="Header name or number (1 = first).">
          {(p) => <Input {...p} value={column} onChange={(e) => setColumn(e.target.value)} />}
        </Field>
        <Field label="First row">
          {(p) => (
            <Select {...p} value={header} onChange={(e) => setHeader(e.target.value as typeof header)}>
              <option value="">detect a header</option>
              <option value="true">is a header</option>
              <option value="false">is data</option>
            </Select>
          )}
        </Field>
        <Field label="Normalize values" hint="Phones: digits only, leading 1 dropped.">
          {(p) => (
            <Select {...p} value={normalize} onChange={(e) => setNormalize(e.target.value)}>
              <option value="none">trim and lower-case only</option>
              <option value="phone">as phone numbers</option>
              <option value="email">as email addresses</option>
            </Select>
          )}
        </Field>
        <div className="flex items-end">
          <Button variant="primary" disabled={!file || phase.kind === "uploading" || (phase.kind === "importing" && !done)} onClick={start}>
            Upload
          </Button>
        </div>
      </div>
      {phase.kind === "uploading" || phase.kind === "importing" ? (
        <div>
          <div className="mb-1 flex justify-between text-xs text-slate-600">
            <span>{phase.kind === "uploading" ? "Uploading…" : done ? "Import finished" : "Importing rows…"}</span>
            <span>{pct}%</span>
          </div>
          <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Upload progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : null}
      {phase.kind === "failed" ? <Notice tone="error">{phase.message}</Notice> : null}
      {job.isError ? <Notice tone="error">Could not read the import status.</Notice> : null}
      {done && result ? (
        <Notice tone={result.status === "done" ? "success" : "error"} title={result.status === "done" ? "Import complete" : `Import ${result.status}`}>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
            <div>
              <dt className="text-xs opacity-70">Rows read</dt>
              <dd className="font-semibold tabular-nums">{result.rows ?? 0}</dd>
            </div>
            <div>
              <dt className="text-xs opacity-70">Added</dt>
              <dd className="font-semibold tabular-nums">{result.added ?? 0}</dd>
            </div>
            <div>
              <dt className="text-xs opacity-70">Already in the list</dt>
              <dd className="font-semibold tabular-nums">{result.already_present ?? 0}</dd>
            </div>
            <div>
              <dt className="text-xs opacity-70">Invalid</dt>
              <dd className="font-semibold tabular-nums">{result.invalid ?? 0}</dd>
            </div>
          </dl>
          {result.invalid_sample?.length ? (
            <p className="mt-2 text-xs">
              Invalid rows, for example: {result.invalid_sample.map((s) => `row ${s.row} “${s.value}”`).join(", ")}
            </p>
          ) : null}
          {result.message ? <p className="mt-1 text-xs">{result.message}</p> : null}
        </Notice>
      ) : null}
    </div>
  );
}
