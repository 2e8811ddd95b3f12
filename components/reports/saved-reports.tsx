"use client";
// Saved reports (spec 08 §4.8) on the reports page: save what is on screen under a name, list
// them, open one (its parameters go back into the URL), save changes, rename, delete.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import { useCan } from "@/components/api/use-me";
import {
  useCreateSavedReport,
  useDeleteSavedReport,
  useSavedReports,
  useUpdateSavedReport,
  type SavedReport,
} from "@/components/api/use-reports";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormDialog } from "@/components/ui/form-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Textarea } from "@/components/ui/input";
import { issuesByField } from "@/components/ui/issues";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { zodIssues } from "@/lib/schemas/issues";
import { savedReportBodySchema } from "@/lib/schemas/reports";
import { describeSavedParams, differsFromSaved, isPreset, savedParamsFromUrl, urlFromSaved } from "./report-params";
import { TableHead } from "@/components/ui/table-head";

const hrefOf = (r: SavedReport) => `/reports?${urlFromSaved(r)}`;

/** The page header's buttons: the list of saved reports, and saving the current view. */
export function SavedReportActions() {
  const canEdit = useCan("editor");
  const saved = useSavedReports();
  const [listing, setListing] = useState(false);
  const [saving, setSaving] = useState(false);
  return (
    <>
      <Button onClick={() => setListing(true)}>Saved reports{saved.data ? ` (${saved.data.length})` : ""}</Button>
      {canEdit ? (
        <Button variant="primary" onClick={() => setSaving(true)}>
          Save report…
        </Button>
      ) : null}
      <SavedReportList open={listing} onClose={() => setListing(false)} />
      <SaveReportDialog open={saving} onClose={() => setSaving(false)} />
    </>
  );
}

/** The open saved report, when there is one (`?saved=<id>`): its name, and what can be done with it. */
export function OpenSavedReport() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const canEdit = useCan("editor");
  const saved = useSavedReports();
  const update = useUpdateSavedReport();
  const toast = useToast();
  const [renaming, setRenaming] = useState<SavedReport | null>(null);
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  const id = params.get("saved");
  if (!id) return null;
  const report = saved.data?.find((r) => r.id === id);
  const close = () => {
    const next = new URLSearchParams(params);
    next.delete("saved");
    router.replace(`${pathname}?${next}`);
  };
  if (!report) {
    if (saved.isPending) return null;
    return (
      <Notice tone="warn" className="mb-4">
        <div className="flex items-center justify-between gap-3">
          <span>This saved report no longer exists. The filters below are still those it had.</span>
          <Button size="xs" onClick={close}>
            OK
          </Button>
        </div>
      </Notice>
    );
  }
  const changed = differsFromSaved(params, report);
  return (
    <section aria-label="Open saved report" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-brand-100 bg-brand-50/60 px-4 py-3">
      <div className="min-w-0">
        <p className="text-sm">
          <span className="text-slate-500">Saved report: </span>
          <span className="font-semibold text-slate-900">{report.name}</span>
          {changed ? <span className="ml-2 text-xs font-medium text-amber-700">changed since it was saved</span> : null}
        </p>
        {report.description ? <p className="text-xs text-slate-600">{report.description}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {canEdit && changed ? (
          <Button
            size="sm"
            variant="primary"
            pending={update.isPending}
            onClick={() =>
              update.mutate(
                { id: report.id, name: report.name, description: report.description, endpoint: report.endpoint, params: savedParamsFromUrl(params) },
                { onSuccess: () => toast(`Saved changes to ${report.name}`, "success"), onError: (e) => toast(errorText(e), "error") },
              )
            }
          >
            Save changes
          </Button>
        ) : null}
        {canEdit ? (
          <>
            <Button size="sm" onClick={() => setRenaming(report)}>
              Rename
            </Button>
            <Button size="sm" variant="danger" onClick={() => setDeleting(report)}>
              Delete
            </Button>
          </>
        ) : null}
        <Button size="sm" variant="ghost" onClick={close}>
          Close
        </Button>
      </div>
      <RenameDialog report={renaming} onClose={() => setRenaming(null)} />
      <DeleteDialog report={deleting} onClose={() => setDeleting(null)} onDeleted={close} />
    </section>
  );
}

function SavedReportList({ open, onClose }: { open: boolean; onClose: () => void }) {
  const saved = useSavedReports();
  const canEdit = useCan("editor");
  const [renaming, setRenaming] = useState<SavedReport | null>(null);
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const list = saved.data ?? [];
  return (
    <Dialog open={open} onClose={onClose} title="Saved reports" description="Open one to see it for the time range it was saved with; change the dates as you like." wide>
      <QueryState query={saved} label="saved reports" />
      {saved.data && list.length === 0 ? <EmptyState title="No saved reports">Set up the report you want, then use “Save report…”.</EmptyState> : null}
      {list.length ? (
        <table className="w-full text-sm">
          <caption className="sr-only">Saved reports</caption>
          <TableHead columns={["Name", "Shows", "Changed"]} actions />
          <tbody className="divide-y divide-slate-100">
            {list.map((r) => (
              <tr key={r.id} aria-label={r.name}>
                <td className="py-2 pr-3">
                  <Link href={hrefOf(r)} onClick={onClose} className="font-medium text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                  {r.description ? <div className="text-xs text-slate-500">{r.description}</div> : null}
                </td>
                <td className="py-2 pr-3 text-slate-600">{describeSavedParams(r.endpoint, r.params)}</td>
                <td className="py-2 pr-3 text-slate-600">
                  <RelativeTime iso={r.updated_at} />
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {canEdit ? (
                    <>
                      <Button size="xs" variant="ghost" aria-label={`Rename ${r.name}`} onClick={() => setRenaming(r)}>
                        Rename
                      </Button>
                      <Button size="xs" variant="ghost" className="text-red-700" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                        Delete
                      </Button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RenameDialog report={renaming} onClose={() => setRenaming(null)} />
      <DeleteDialog
        report={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          if (params.get("saved") !== deleting?.id) return;
          const next = new URLSearchParams(params);
          next.delete("saved");
          router.replace(`${pathname}?${next}`);
        }}
      />
    </Dialog>
  );
}

function SaveReportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const create = useCreateSavedReport();
  const toast = useToast();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const customDates = params.get("range") === "custom" || (params.has("range") && !isPreset(params.get("range")));
  function close() {
    setErrors({});
    onClose();
  }
  function submit() {
    const parsed = savedReportBodySchema.safeParse({ name, description, endpoint: "stats", params: savedParamsFromUrl(params) });
    if (!parsed.success) return setErrors(issuesByField(zodIssues(parsed.error)));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (r) => {
        toast(`Saved report ${r.name}`, "success");
        setName("");
        setDescription("");
        close();
        const next = new URLSearchParams(params);
        next.set("saved", r.id);
        router.replace(`${pathname}?${next}`);
      },
      onError: (e) => setErrors(e instanceof ApiError && e.issues.length ? issuesByField(e.issues) : { form: errorText(e) }),
    });
  }
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Save this report"
      description="Saves the time range, grouping, columns and filters on screen under a name everyone can open."
      submitLabel="Save report"
      onSubmit={submit}
      pending={create.isPending}
    >
        <Field label="Report name" error={errors.name}>
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="Weekly acceptance by source" autoFocus />}
        </Field>
        <Field label="Description (optional)" error={errors.description}>
          {(p) => <Textarea {...p} rows={2} className="font-sans text-sm" value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        {customDates ? (
          <Notice tone="info">Custom dates are not saved with a report: it opens with the last 7 days, and you pick the dates then. Choose a range like “Last 30 days” to save it.</Notice>
        ) : null}
        {errors.params || errors.form ? <Notice tone="error">{errors.params ?? errors.form}</Notice> : null}
    </FormDialog>
  );
}

function RenameDialog({ report, onClose }: { report: SavedReport | null; onClose: () => void }) {
  const update = useUpdateSavedReport();
  const toast = useToast();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = name ?? report?.name ?? "";
  function close() {
    setName(null);
    setError(null);
    onClose();
  }
  function submit() {
    if (!report) return;
    const body = { name: value, description: report.description, endpoint: report.endpoint, params: report.params };
    const parsed = savedReportBodySchema.safeParse(body);
    if (!parsed.success) return setError(issuesByField(zodIssues(parsed.error)).name ?? "Check the name");
    update.mutate(
      { id: report.id, ...parsed.data },
      {
        onSuccess: (r) => {
          toast(`Renamed to ${r.name}`, "success");
          close();
        },
        onError: (e) => setError(e instanceof ApiError ? (e.issues.find((i) => i.path === "name")?.message ?? errorText(e)) : errorText(e)),
      },
    );
  }
  return (
    <FormDialog open={report !== null} onClose={close} title={`Rename ${report?.name ?? ""}`} submitLabel="Rename" onSubmit={submit} pending={update.isPending}>
      <Field label="New name" error={error}>
        {(p) => <Input {...p} value={value} onChange={(e) => setName(e.target.value)} autoFocus />}
      </Field>
    </FormDialog>
  );
}

function DeleteDialog({ report, onClose, onDeleted }: { report: SavedReport | null; onClose: () => void; onDeleted: () => void }) {
  const del = useDeleteSavedReport();
  const toast = useToast();
  return (
    <FormDialog
      open={report !== null}
      onClose={onClose}
      title={`Delete ${report?.name ?? ""}?`}
      description="The saved report is removed for everyone. Leads and events are not affected."
      submitLabel="Delete report"
      danger
      pending={del.isPending}
      onSubmit={() =>
        report &&
        del.mutate(report.id, {
          onSuccess: () => {
            toast(`Deleted ${report.name}`, "success");
            onDeleted();
            onClose();
          },
          onError: (e) => toast(errorText(e), "error"),
        })
      }
    >
      <p className="text-sm text-slate-600">{report?.description || "No description."}</p>
    </FormDialog>
  );
}
