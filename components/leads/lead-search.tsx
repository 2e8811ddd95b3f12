"use client";
// Lead search (spec 07 §2.8): filters live in the URL so a search can be shared or bookmarked;
// results page through with the API's cursors.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { Query } from "@/components/api/client";
import { useEntities, useFields } from "@/components/api/use-catalog";
import { useLeads } from "@/components/api/use-leads";
import { useMe } from "@/components/api/use-me";
import { FlowSelect } from "@/components/flows/flow-select";
import { PageHeader } from "@/components/layout/page-header";
import { formatMoney, formatTime } from "@/components/timeline";
import { OutcomeBadge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Checkbox, Field, Input, Select } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";

const OUTCOMES = ["success", "failure", "error"] as const;
const PAGE = 50;

/** The API query for the current URL: repeated keys stay repeated, `field.*` passes through. */
function queryFrom(params: URLSearchParams): Query {
  const q: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    if (k === "cursor" || k === "page") continue;
    q[k] = k in q ? ([] as string[]).concat(q[k], v) : v;
  }
  return q;
}

export function LeadSearch() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [cursors, setCursors] = useState<string[]>([]);
  const base = useMemo(() => queryFrom(params), [params]);
  const leads = useLeads({ ...base, limit: PAGE, include_total: "true", cursor: cursors[cursors.length - 1] });
  const tz = useMe().data?.time_zone;

  function apply(next: URLSearchParams) {
    setCursors([]);
    router.replace(`${pathname}?${next.toString()}`);
  }

  const page = leads.data;
  return (
    <div>
      <PageHeader
        title="Leads"
        description="Find any lead and trace what happened to it, event by event."
        actions={
          <Link href="/leads/import-feedback" className={buttonClass("secondary")}>
            Import feedback
          </Link>
        }
      />
      <Filters params={params} onApply={apply} />
      <div className="mt-4 overflow-hidden rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-sm text-slate-600" role="status">
          <span>{page ? `${page.total ?? page.data.length} lead${(page.total ?? page.data.length) === 1 ? "" : "s"}${params.get("start") ? "" : " in the last 7 days"}` : "Searching…"}</span>
          {leads.isFetching ? <span className="text-xs text-slate-400">updating…</span> : null}
        </div>
        {!page ? (
          <div className="px-4">
            <QueryState query={leads} label="leads" />
          </div>
        ) : page.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No leads match">Widen the time range or remove a filter.</EmptyState>
          </div>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Leads</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs text-slate-500">
                <th className="px-4 py-2 font-medium">Received</th>
                <th className="px-4 py-2 font-medium">Lead</th>
                <th className="px-4 py-2 font-medium">Flow</th>
                <th className="px-4 py-2 font-medium">Source</th>
                <th className="px-4 py-2 font-medium">Outcome</th>
                <th className="px-4 py-2 font-medium">Reason</th>
                <th className="px-4 py-2 text-right font-medium">Price</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((l) => {
                const who = [l.first_name, l.last_name].filter(Boolean).join(" ") || l.email || l.phone_1 || l.id;
                return (
                  <tr key={l.id} className="hover:bg-slate-50">
                    <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatTime(l.submitted_at, tz)}</td>
                    <td className="px-4 py-2">
                      <Link href={`/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">
                        {who}
                      </Link>
                      <div className="text-xs text-slate-500">{[l.email === who ? null : l.email, l.phone_1 === who ? null : l.phone_1, l.state].filter(Boolean).join(" · ")}</div>
                    </td>
                    <td className="px-4 py-2">{l.flow?.name}</td>
                    <td className="px-4 py-2">{l.source?.name ?? "—"}</td>
                    <td className="px-4 py-2">
                      <OutcomeBadge outcome={l.outcome} />
                    </td>
                    <td className="max-w-64 truncate px-4 py-2 text-slate-600" title={l.reason ?? undefined}>
                      {l.reason ?? ""}
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatMoney(l.price)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <div className="flex items-center justify-end gap-2 border-t border-slate-100 px-4 py-2">
          <span className="mr-auto text-xs text-slate-500">Page {cursors.length + 1}</span>
          <Button size="xs" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </Button>
          <Button size="xs" disabled={!page?.next_cursor} onClick={() => page?.next_cursor && setCursors([...cursors, page.next_cursor])}>
            Next page
          </Button>
        </div>
      </div>
    </div>
  );
}

function Filters({ params, onApply }: { params: URLSearchParams; onApply: (p: URLSearchParams) => void }) {
  const sources = useEntities("source").data ?? [];
  const fields = useFields().data ?? [];
  const existingField = [...params.keys()].find((k) => k.startsWith("field."));
  const [form, setForm] = useState(() => ({
    q: params.get("q") ?? "",
    flow_id: params.get("flow_id") ?? "",
    source_id: params.get("source_id") ?? "",
    outcome: params.getAll("outcome"),
    reason: params.get("reason") ?? "",
    start: params.get("start") ?? "",
    end: params.get("end") ?? "",
    field: existingField?.slice(6) ?? "",
    value: existingField ? (params.get(existingField) ?? "") : "",
  }));
  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    const p = new URLSearchParams();
    for (const k of ["q", "flow_id", "source_id", "reason", "start", "end"] as const) if (form[k].trim()) p.set(k, form[k].trim());
    for (const o of form.outcome) p.append("outcome", o);
    if (form.field && form.value.trim()) p.set(`field.${form.field}`, form.value.trim());
    onApply(p);
  }
  return (
    <form onSubmit={submit} role="search" aria-label="Lead filters" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 md:grid-cols-4">
        <Field label="Search" hint="Name, email, phone, lead id… all words must match." className="md:col-span-2">
          {(p) => <Input {...p} type="search" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} placeholder="ann 512" />}
        </Field>
        <Field label="Flow">
          {(p) => (
            <FlowSelect {...p} value={form.flow_id} onChange={(flow_id) => setForm({ ...form, flow_id })} />
          )}
        </Field>
        <Field label="Source">
          {(p) => (
            <Select {...p} value={form.source_id} onChange={(e) => setForm({ ...form, source_id: e.target.value })}>
              <option value="">All sources</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="From" hint="Blank: the last 7 days.">
          {(p) => <Input {...p} type="date" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />}
        </Field>
        <Field label="To">{(p) => <Input {...p} type="date" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />}</Field>
        <Field label="Reason contains">{(p) => <Input {...p} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} placeholder="Duplicate" />}</Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Outcome</legend>
          <div className="mt-2 flex gap-3">
            {OUTCOMES.map((o) => (
              <Checkbox
                key={o}
                label={o}
                checked={form.outcome.includes(o)}
                onChange={(e) => setForm({ ...form, outcome: e.target.checked ? [...form.outcome, o] : form.outcome.filter((x) => x !== o) })}
              />
            ))}
          </div>
        </fieldset>
        <Field label="Field">
          {(p) => (
            <Select {...p} value={form.field} onChange={(e) => setForm({ ...form, field: e.target.value })}>
              <option value="">Any field…</option>
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Field value" hint="Equal, ignoring case (e.g. State = tx).">
          {(p) => <Input {...p} value={form.value} disabled={!form.field} onChange={(e) => setForm({ ...form, value: e.target.value })} />}
        </Field>
        <div className="flex items-end gap-2 md:col-span-2">
          <Button type="submit" variant="primary">
            Search
          </Button>
          <Button
            onClick={() => {
              setForm({ q: "", flow_id: "", source_id: "", outcome: [], reason: "", start: "", end: "", field: "", value: "" });
              onApply(new URLSearchParams());
            }}
          >
            Clear
          </Button>
        </div>
      </div>
    </form>
  );
}
