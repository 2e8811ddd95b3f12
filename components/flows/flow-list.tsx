"use client";
// Flows list: status, today's volume and acceptance rate (one stats report grouped by flow),
// create, import, enable/disable.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import type { FlowSummary } from "@/components/api/types";
import { useCan } from "@/components/api/use-me";
import { useCreateFlow, useFlows, useImportFlow, usePatchFlow } from "@/components/api/use-flows";
import { useStats } from "@/components/api/use-reports";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormDialog } from "@/components/ui/form-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Switch } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { DeployedText } from "./deployed";

function pct(v: unknown): string {
  return typeof v === "number" ? `${(v * 100).toFixed(1)}%` : "—";
}

export function FlowList() {
  const flows = useFlows();
  const stats = useStats({ group_by: "flow", column: ["source_submitted", "source_success", "acceptance_rate"] });
  const canEdit = useCan("editor");
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState("");
  const shown = (flows.data ?? []).filter((f) => f.name.toLowerCase().includes(search.trim().toLowerCase()));
  const today = new Map((stats.data?.rows ?? []).map((r) => [r.flow?.id ?? "", r]));
  return (
    <div>
      <PageHeader
        title="Flows"
        description="Flows turn submitted leads into decisions, prices and deliveries."
        actions={
          canEdit ? (
            <>
              <ImportButton />
              <Button variant="primary" onClick={() => setCreating(true)}>
                New flow
              </Button>
            </>
          ) : null
        }
      />
      {flows.data ? (
        flows.data.length === 0 ? (
          <EmptyState title="No flows yet" action={canEdit ? <Button variant="primary" onClick={() => setCreating(true)}>Create your first flow</Button> : null}>
            A flow collects fields from sources, decides which leads to buy and at what price, and delivers them to recipients.
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            {flows.data.length > 8 ? (
              <div className="border-b border-slate-100 px-4 py-2">
                <Input type="search" aria-label="Filter flows by name" placeholder="Filter by name" value={search} onChange={(e) => setSearch(e.target.value)} className="w-72" />
              </div>
            ) : null}
            <table className="w-full text-sm">
              <thead className="bg-slate-50">
                <tr className="text-left text-xs text-slate-500">
                  <th className="px-4 py-2 font-medium">Flow</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 text-right font-medium">Leads today</th>
                  <th className="px-4 py-2 text-right font-medium">Accepted today</th>
                  <th className="px-4 py-2 text-right font-medium">Sources / steps</th>
                  <th className="px-4 py-2 text-right font-medium">Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shown.map((f) => (
                  <FlowRow key={f.id} flow={f} submitted={today.get(f.id)?.source_submitted} rate={today.get(f.id)?.acceptance_rate} statsLoaded={stats.isSuccess} canEdit={canEdit} />
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <QueryState query={flows} label="flows" />
      )}
      {stats.isError ? <p className="mt-2 text-xs text-slate-500">Today&apos;s numbers are unavailable: {errorText(stats.error)}</p> : null}
      <CreateFlowDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function FlowRow({ flow, submitted, rate, statsLoaded, canEdit }: { flow: FlowSummary; submitted: unknown; rate: unknown; statsLoaded: boolean; canEdit: boolean }) {
  const patch = usePatchFlow(flow.id);
  const toast = useToast();
  return (
    <tr>
      <td className="px-4 py-3">
        <Link href={`/flows/${flow.id}`} className="font-medium text-brand-700 hover:underline">
          {flow.name}
        </Link>
      </td>
      <td className="px-4 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <Switch
            checked={flow.enabled}
            disabled={!canEdit || patch.isPending}
            label={<span className="sr-only">Enable {flow.name}</span>}
            onChange={(enabled) => patch.mutate({ enabled }, { onError: (e) => toast(errorText(e), "error"), onSuccess: () => toast(`${flow.name} ${enabled ? "enabled" : "disabled"}`, "success") })}
          />
          <Badge tone={flow.enabled ? "green" : "gray"}>{flow.enabled ? "enabled" : "disabled"}</Badge>
          {flow.deployed_version ? null : <Badge tone="amber">not deployed</Badge>}
          {flow.has_undeployed_changes && flow.deployed_version ? <Badge tone="amber">changes not deployed</Badge> : null}
        </div>
        {flow.deployed_version ? <DeployedText at={flow.deployed_at} version={flow.deployed_version} className="mt-1 block text-xs text-slate-500" /> : null}
      </td>
      <td className="px-4 py-3 text-right tabular-nums">{typeof submitted === "number" ? submitted : statsLoaded ? 0 : "—"}</td>
      <td className="px-4 py-3 text-right tabular-nums">{pct(rate)}</td>
      <td className="px-4 py-3 text-right tabular-nums text-slate-600">
        {flow.source_count ?? "—"} / {flow.step_count ?? "—"}
      </td>
      <td className="px-4 py-3 text-right text-slate-500">{flow.updated_at ? new Date(flow.updated_at).toLocaleDateString() : ""}</td>
    </tr>
  );
}

function CreateFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateFlow();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  function submit() {
    if (!name.trim()) return setError("Give the flow a name");
    setError(null);
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (f) => {
          setName("");
          onClose();
          router.push(`/flows/${f.id}/fields`);
        },
        onError: (e) => setError(e instanceof ApiError ? (e.issues[0]?.message ?? e.message) : errorText(e)),
      },
    );
  }
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="New flow"
      description="You will choose its fields, sources, rules and steps next. Nothing handles leads until you deploy it."
      submitLabel="Create flow"
      onSubmit={submit}
      pending={create.isPending}
    >
      <Field label="Flow name" error={error}>
        {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="TX Solar" autoFocus />}
      </Field>
    </FormDialog>
  );
}

function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const importFlow = useImportFlow();
  const router = useRouter();
  const toast = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  async function onFile(file: File) {
    setProblem(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setProblem(`${file.name} is not a JSON file.`);
      return;
    }
    importFlow.mutate(body, {
      onSuccess: (f) => {
        const warnings = f.import_report?.warnings ?? [];
        toast(`Imported “${f.name}” as a new flow (not deployed)${warnings.length ? ` with ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}`, "success");
        router.push(`/flows/${f.id}`);
      },
      onError: (e) => setProblem(e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join("; ") : errorText(e)),
    });
  }
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        aria-label="Flow export file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void onFile(f);
          e.target.value = "";
        }}
      />
      <Button pending={importFlow.isPending} onClick={() => input.current?.click()}>
        Import JSON
      </Button>
      <Dialog open={problem !== null} onClose={() => setProblem(null)} title="The flow was not imported">
        <Notice tone="error">{problem}</Notice>
      </Dialog>
    </>
  );
}
