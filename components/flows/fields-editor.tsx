"use client";
// Fields page: which fields the flow collects (spec 01 §1: data for fields not listed is not
// turned into lead variables), picked from the standard and custom catalogue.
import { useMemo, useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import type { FieldRecord } from "@/components/api/types";
import { useCreateField, useFields, useTypes } from "@/components/api/use-catalog";
import { Badge } from "@/components/ui/badge";
import { Button, IconButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { useFlowEditor } from "./flow-editor-provider";

// Used only when GET /api/types is unavailable (spec 01 §4 type names).
const FALLBACK_TYPES = ["string", "number", "range", "boolean", "email", "phone", "state", "postal_code", "city", "street", "first_name", "last_name", "gender", "date", "dob", "time", "url", "ip", "trustedform_url", "ssn", "credential"];

export function FieldsEditor() {
  const { draft, update } = useFlowEditor();
  const fieldsQuery = useFields();
  const issues = useIssues();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const catalog = fieldsQuery.data ?? [];
  const byId = useMemo(() => new Map(catalog.map((f) => [f.id, f])), [catalog]);
  if (!draft) return null;
  const selected = draft.fields;
  const needle = search.trim().toLowerCase();
  const available = catalog
    .filter((f) => !selected.includes(f.id) && !f.deprecated)
    .filter((f) => !needle || f.id.includes(needle) || f.name.toLowerCase().includes(needle) || f.type.includes(needle));

  const add = (id: string) => update((d) => ({ ...d, fields: d.fields.includes(id) ? d.fields : [...d.fields, id] }));
  const remove = (id: string) => update((d) => ({ ...d, fields: d.fields.filter((f) => f !== id) }));

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_1fr]">
      <Card title={`Fields this flow collects (${selected.length})`} description="Submitted data for any other field is ignored unless a source mapping renames it onto one of these.">
        {selected.length === 0 ? (
          <p className="text-sm text-slate-500">No fields yet. Add the fields your sources send, starting with the ones your buyers need.</p>
        ) : (
          <ul aria-label="Flow fields" className="divide-y divide-slate-100">
            {selected.map((id, i) => {
              const f = byId.get(id);
              const issue = issues.at(`fields.${i}`);
              return (
                <li key={id} className="flex items-center gap-3 py-2" data-issue-path={`fields.${i}`}>
                  <div className="min-w-0 flex-1">
                    <div className="text-sm font-medium text-slate-900">{f?.name ?? id}</div>
                    <div className="font-mono text-xs text-slate-500">
                      {id}
                      {f ? ` · ${f.type}` : " · not in the field catalogue"}
                    </div>
                    {issue ? <p className="text-xs font-medium text-red-700">{issue}</p> : null}
                  </div>
                  {f && !f.standard ? <Badge tone="violet">custom</Badge> : null}
                  <IconButton label={`Remove field ${f?.name ?? id}`} onClick={() => remove(id)}>
                    ✕
                  </IconButton>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card
        title="Add fields"
        description="Standard fields carry their type's parsing and components (phone area code, email domain…)."
        actions={
          <Button size="sm" onClick={() => setCreating(true)}>
            New custom field
          </Button>
        }
      >
        <QueryState query={fieldsQuery} label="fields" />
        <Input type="search" aria-label="Search fields" placeholder="Search by name, id or type" value={search} onChange={(e) => setSearch(e.target.value)} className="mb-3" />
        <ul aria-label="Available fields" className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto">
          {available.slice(0, 200).map((f) => (
            <li key={f.id} className="flex items-center gap-3 py-1.5">
              <div className="min-w-0 flex-1">
                <span className="text-sm text-slate-900">{f.name}</span>{" "}
                <span className="font-mono text-xs text-slate-500">
                  {f.id} · {f.type}
                </span>
              </div>
              <Button size="xs" onClick={() => add(f.id)} aria-label={`Add field ${f.name}`}>
                Add
              </Button>
            </li>
          ))}
          {available.length === 0 && fieldsQuery.isSuccess ? <li className="py-3 text-sm text-slate-500">No matching fields.</li> : null}
        </ul>
      </Card>
      <CreateFieldDialog open={creating} onClose={() => setCreating(false)} onCreated={(f) => add(f.id)} />
    </div>
  );
}

function CreateFieldDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (f: FieldRecord) => void }) {
  const create = useCreateField();
  const types = useTypes().data;
  const toast = useToast();
  const [form, setForm] = useState({ id: "", name: "", type: "string", description: "" });
  const typeNames = types?.length ? types.map((t) => t.name) : FALLBACK_TYPES;
  const issueFor = (k: string) => (create.error instanceof ApiError ? create.error.issues.find((i) => i.path === k)?.message : undefined);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New custom field"
      description="Custom field ids end with your account suffix, e.g. loan_amount_acme."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            pending={create.isPending}
            onClick={() =>
              create.mutate(
                { id: form.id.trim(), name: form.name.trim(), type: form.type, description: form.description || undefined },
                {
                  onSuccess: (f) => {
                    toast(`Created field ${f.name}`, "success");
                    onCreated(f);
                    setForm({ id: "", name: "", type: "string", description: "" });
                    onClose();
                  },
                },
              )
            }
          >
            Create field
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <Field label="Field id" hint="Lower case letters, digits, underscores and dots." error={issueFor("id")}>
          {(p) => <Input {...p} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} className="font-mono" />}
        </Field>
        <Field label="Display name" error={issueFor("name")}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label="Type" error={issueFor("type")}>
          {(p) => (
            <Select {...p} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
              {typeNames.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Description">{(p) => <Textarea {...p} rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} className="font-sans text-sm" />}</Field>
        {create.error ? <p className="text-sm text-red-700">{errorText(create.error)}</p> : null}
      </div>
    </Dialog>
  );
}
