"use client";
import Link from "next/link";
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import type { SuppressionList } from "@/components/api/types";
import { useCreateList, useLists } from "@/components/api/use-lists";
import { suppressionListCreateBodySchema } from "@/lib/schemas/suppression-list";
import { Badge } from "@/components/ui/badge";
import { FormDialog } from "@/components/ui/form-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";

export const KIND_LABELS: Record<string, string> = { dnc: "Do not call", customer: "Existing customers", custom: "Custom" };

/** All suppression lists with their item counts; `onOpen` or a link opens one. */
export function ListsTable({ onOpen, hrefFor }: { onOpen?: (l: SuppressionList) => void; hrefFor?: (l: SuppressionList) => string }) {
  const lists = useLists();
  if (!lists.data) return <QueryState query={lists} label="suppression lists" />;
  if (lists.data.length === 0) return <EmptyState title="No suppression lists yet">Create a do-not-call, existing-customer or custom list, then upload its values.</EmptyState>;
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
          <th className="py-2 font-medium">Name</th>
          <th className="py-2 font-medium">Kind</th>
          <th className="py-2 text-right font-medium">Values</th>
          <th className="py-2 text-right font-medium">Updated</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {lists.data.map((l) => (
          <tr key={l.id}>
            <td className="py-2">
              {hrefFor ? (
                <Link href={hrefFor(l)} className="font-medium text-brand-700 hover:underline">
                  {l.name}
                </Link>
              ) : (
                <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => onOpen?.(l)}>
                  {l.name}
                </button>
              )}
              {l.description ? <div className="text-xs text-slate-500">{l.description}</div> : null}
            </td>
            <td className="py-2">
              <Badge tone={l.kind === "dnc" ? "red" : l.kind === "customer" ? "violet" : "gray"}>{KIND_LABELS[l.kind] ?? l.kind}</Badge>
            </td>
            <td className="py-2 text-right tabular-nums">{l.item_count.toLocaleString()}</td>
            <td className="py-2 text-right text-slate-500">{l.updated_at ? new Date(l.updated_at).toLocaleDateString() : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CreateListDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated?: (l: SuppressionList) => void }) {
  const create = useCreateList();
  const toast = useToast();
  const [form, setForm] = useState({ name: "", kind: "dnc" as SuppressionList["kind"], description: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit() {
    // The same schema the API validates with, so most mistakes are caught before the round trip.
    const parsed = suppressionListCreateBodySchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? ""), i.message])));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (l) => {
        toast(`Created list ${l.name}`, "success");
        setForm({ name: "", kind: "dnc", description: "" });
        onCreated?.(l);
        onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.issues.length) setErrors(Object.fromEntries(e.issues.map((i) => [i.path, i.message])));
        else if (e instanceof ApiError && e.code === "conflict") setErrors({ name: "A list with this name already exists" });
      },
    });
  }
  return (
    <FormDialog open={open} onClose={onClose} title="New suppression list" submitLabel="Create list" onSubmit={submit} pending={create.isPending}>
        <Field label="List name" error={errors.name}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoFocus />}
        </Field>
        <Field label="Kind" error={errors.kind}>
          {(p) => (
            <Select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as SuppressionList["kind"] })}>
              <option value="dnc">Do not call (phones)</option>
              <option value="customer">Existing customers (emails or phones)</option>
              <option value="custom">Custom (any values)</option>
            </Select>
          )}
        </Field>
        <Field label="Description" error={errors.description}>
          {(p) => <Textarea {...p} rows={2} className="font-sans text-sm" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}
        </Field>
        {create.error && !(create.error instanceof ApiError && (create.error.issues.length || create.error.code === "conflict")) ? (
          <p className="text-sm text-red-700">{errorText(create.error)}</p>
        ) : null}
    </FormDialog>
  );
}
