"use client";
// Import feedback (spec 06 §5.6): a CSV of recipient event ids, one type per file, an optional
// reason column. The columns are picked from a preview of the file; the job runs on the server
// and is polled until it ends, then shows what was recorded and why rows were refused. The job id
// is in the URL, so a reload keeps showing it.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import Papa from "papaparse";
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import { useFeedbackImport, useStartFeedbackImport, type FeedbackImportJob } from "@/components/api/use-feedback";
import { useCan } from "@/components/api/use-me";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Checkbox, Field, Select } from "@/components/ui/input";
import { issuesByField } from "@/components/ui/issues";
import { QueryState } from "@/components/ui/query-state";
import { columnName, guessEventIdColumn, guessHeader, guessReasonColumn, previewCsv, type CsvPreview } from "./csv-preview";

type FeedbackType = "return" | "conversion";

interface Chosen {
  file: File;
  preview: CsvPreview;
  hasHeader: boolean;
  eventId: number;
  reason: number | null;
}

export function FeedbackImportPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const jobId = params.get("job");
  const canEdit = useCan("editor");
  return (
    <div>
      <Link href="/leads" className="text-xs text-brand-700 hover:underline">
        ← Leads
      </Link>
      <PageHeader
        title="Import feedback"
        description="Record returns or conversions that recipients reported in a spreadsheet. Each row names the recipient event id the recipient received with the lead."
      />
      {jobId ? (
        <ImportProgress jobId={jobId} onAnother={() => router.replace(pathname)} />
      ) : canEdit ? (
        <ImportForm onStarted={(id) => router.replace(`${pathname}?job=${id}`)} />
      ) : (
        <Notice tone="warn" title="Only editors and admins import feedback">
          Ask an editor to import the file, or an admin for the editor role.
        </Notice>
      )}
    </div>
  );
}

function ImportForm({ onStarted }: { onStarted: (jobId: string) => void }) {
  const start = useStartFeedbackImport();
  const [type, setType] = useState<FeedbackType>("return");
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function pick(file: File | undefined) {
    setErrors({});
    if (!file) return setChosen(null);
    // The preview reads only the start of the file, however large it is.
    const preview = previewCsv(await file.slice(0, 64 * 1024).text());
    if (preview.rows.length === 0) {
      setChosen(null);
      return setErrors({ file: `${file.name} has no rows.` });
    }
    const eventId = guessEventIdColumn(preview);
    const hasHeader = guessHeader(preview, eventId);
    setChosen({ file, preview, hasHeader, eventId, reason: guessReasonColumn(preview, hasHeader) });
  }

  function submit() {
    if (!chosen) return setErrors({ file: "Choose a CSV file" });
    if (chosen.reason === chosen.eventId) return setErrors({ reason_column: "The reason column cannot be the event id column" });
    setErrors({});
    start.mutate(
      {
        file: chosen.file,
        type,
        hasHeader: chosen.hasHeader,
        eventIdColumn: String(chosen.eventId + 1),
        reasonColumn: chosen.reason === null ? null : String(chosen.reason + 1),
      },
      {
        onSuccess: (job) => onStarted(job.id),
        onError: (e) => setErrors(e instanceof ApiError && e.issues.length ? issuesByField(e.issues) : { form: errorText(e) }),
      },
    );
  }

  const p = chosen?.preview;
  const columnOptions = p
    ? Array.from({ length: p.columns }, (_, i) => (
        <option key={i} value={i}>
          {columnName(p, i, chosen.hasHeader)}
        </option>
      ))
    : null;
  return (
    <div className="grid gap-4 xl:grid-cols-[28rem_1fr]">
      <Card title="File and settings">
        <form
          aria-label="Import feedback"
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">The file reports</legend>
            <div className="flex gap-4" role="radiogroup">
              {(
                [
                  ["return", "Returns"],
                  ["conversion", "Conversions"],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="inline-flex items-center gap-2 text-sm text-slate-700">
                  <input type="radio" name="feedback-type" value={value} checked={type === value} onChange={() => setType(value)} className="accent-brand-600" />
                  {label}
                </label>
              ))}
            </div>
            {errors.type ? <p className="mt-1 text-xs font-medium text-red-700">{errors.type}</p> : null}
          </fieldset>
          <Field label="CSV file" error={errors.file} hint="One row per lead; up to 100 MiB.">
            {(fp) => (
              <input
                {...fp}
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(e) => void pick(e.target.files?.[0])}
                className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
              />
            )}
          </Field>
          {chosen && p ? (
            <>
              <Checkbox label="The first row is a header" checked={chosen.hasHeader} onChange={(e) => setChosen({ ...chosen, hasHeader: e.target.checked })} />
              <Field label="Event ID column" error={errors.event_id_column} hint="The id the recipient received with the lead ({{event_id}}).">
                {(fp) => (
                  <Select {...fp} value={chosen.eventId} onChange={(e) => setChosen({ ...chosen, eventId: Number(e.target.value) })}>
                    {columnOptions}
                  </Select>
                )}
              </Field>
              <Field label="Reason column" error={errors.reason_column} hint="Optional; passed on to the source with the feedback.">
                {(fp) => (
                  <Select {...fp} value={chosen.reason ?? ""} onChange={(e) => setChosen({ ...chosen, reason: e.target.value === "" ? null : Number(e.target.value) })}>
                    <option value="">No reason column</option>
                    {columnOptions}
                  </Select>
                )}
              </Field>
            </>
          ) : null}
          {errors.form || errors.has_header ? <Notice tone="error">{errors.form ?? errors.has_header}</Notice> : null}
          <div>
            <Button type="submit" variant="primary" pending={start.isPending} disabled={!chosen}>
              Import {type === "return" ? "returns" : "conversions"}
            </Button>
          </div>
        </form>
      </Card>
      <Card title="Preview" description={chosen ? `The first rows of ${chosen.file.name}.` : "Choose a file to see its first rows."}>
        {chosen && p ? <PreviewTable chosen={chosen} /> : <p className="text-sm text-slate-500">Each row needs the recipient event id; a reason column is optional. Rows whose feedback is refused (unknown id, lead too old, duplicate…) are listed after the import.</p>}
      </Card>
    </div>
  );
}

function PreviewTable({ chosen }: { chosen: Chosen }) {
  const { preview: p, hasHeader } = chosen;
  const head = hasHeader ? p.rows[0] : null;
  const body = hasHeader ? p.rows.slice(1) : p.rows;
  const role = (i: number) => (i === chosen.eventId ? "event id" : i === chosen.reason ? "reason" : null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs">
        <caption className="sr-only">File preview</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500">
            {Array.from({ length: p.columns }, (_, i) => (
              <th key={i} className="py-1 pr-3 font-medium">
                {head?.[i] || `Column ${i + 1}`}
                {role(i) ? <span className="ml-1 rounded bg-brand-50 px-1 text-brand-700">{role(i)}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono">
          {body.map((r, n) => (
            <tr key={n}>
              {Array.from({ length: p.columns }, (_, i) => (
                <td key={i} className={role(i) ? "py-1 pr-3 text-slate-900" : "py-1 pr-3 text-slate-400"}>
                  {r[i] ?? ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportProgress({ jobId, onAnother }: { jobId: string; onAnother: () => void }) {
  const job = useFeedbackImport(jobId);
  const data = job.data;
  return (
    <Card title="Import" actions={data && data.status !== "running" ? <Button onClick={onAnother}>Import another file</Button> : null}>
      {!data ? <QueryState query={job} label="the import" /> : <JobView job={data} />}
    </Card>
  );
}

function JobView({ job }: { job: FeedbackImportJob }) {
  const running = job.status === "running";
  const kind = job.type === "conversion" ? "conversions" : job.type === "return" ? "returns" : "feedback";
  const shown = job.errors ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div role="status" aria-live="polite">
        {running ? (
          <div>
            <p className="mb-1 text-sm text-slate-700">
              Importing {kind}… {job.total.toLocaleString()} rows so far
            </p>
            <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Import progress" aria-valuetext={`${job.total} rows processed`}>
              <div className="h-full w-1/3 animate-pulse rounded-full bg-brand-600" />
            </div>
          </div>
        ) : (
          <Notice
            tone={job.status === "done" ? (job.failed ? "warn" : "success") : "error"}
            title={job.status === "done" ? `Import finished: ${job.succeeded.toLocaleString()} of ${job.total.toLocaleString()} recorded` : `Import ${job.status}`}
          >
            {job.status === "done" && job.failed === 0 ? "Every row was recorded as feedback on its lead." : null}
            {job.failed ? `${job.failed.toLocaleString()} row${job.failed === 1 ? " was" : "s were"} refused; the reasons are below.` : null}
            {job.status === "failed" ? " The rows before the problem were recorded." : null}
          </Notice>
        )}
      </div>
      <dl className="grid grid-cols-3 gap-3 text-sm sm:max-w-md" aria-label="Import counts">
        <div className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-500">Rows</dt>
          <dd className="text-lg font-semibold tabular-nums">{job.total.toLocaleString()}</dd>
        </div>
        <div className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-500">Recorded</dt>
          <dd className="text-lg font-semibold text-emerald-700 tabular-nums">{job.succeeded.toLocaleString()}</dd>
        </div>
        <div className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-500">Refused</dt>
          <dd className="text-lg font-semibold text-red-700 tabular-nums">{job.failed.toLocaleString()}</dd>
        </div>
      </dl>
      {shown.length ? (
        <section aria-label="Refused rows">
          <div className="mb-2 flex items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-slate-800">
              Refused rows{shown.length < job.failed ? ` (the first ${shown.length.toLocaleString()})` : ""}
            </h3>
            <Button size="sm" onClick={() => downloadErrors(job)}>
              Download as CSV
            </Button>
          </div>
          <table className="w-full text-sm">
            <caption className="sr-only">Refused rows</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th className="py-1 pr-3 font-medium">Line</th>
                <th className="py-1 pr-3 font-medium">Event ID</th>
                <th className="py-1 font-medium">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.slice(0, 200).map((e, i) => (
                <tr key={i}>
                  <td className="py-1 pr-3 tabular-nums">{e.line ?? "—"}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.event_id ?? "—"}</td>
                  <td className="py-1">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > 200 ? <p className="mt-1 text-xs text-slate-500">{(shown.length - 200).toLocaleString()} more in the CSV download.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

function downloadErrors(job: FeedbackImportJob) {
  const csv = Papa.unparse({ fields: ["line", "event_id", "reason"], data: job.errors.map((e) => [e.line ?? "", e.event_id ?? "", e.reason]) });
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `feedback-import-${job.id}-refused.csv`;
  a.click();
  URL.revokeObjectURL(url);
}
