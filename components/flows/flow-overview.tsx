"use client";
import { useRouter } from "next/navigation";
import { Suspense, useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import { useCan } from "@/components/api/use-me";
import { useDeleteFlow, usePatchFlow } from "@/components/api/use-flows";
import { flowPatchBodySchema } from "@/lib/schemas/flow-api";
import { CapFill } from "@/components/cap-tree";
import { buttonClass } from "@/components/ui/button";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { useToast } from "@/components/ui/toast";
import { useCounterMap } from "./caps-editor";
import { DeployedText } from "./deployed";
import { useFlowEditor } from "./flow-editor-provider";
import { VersionHistory } from "./version-history";

export function FlowOverview() {
  const { draft, flow, flowId, update } = useFlowEditor();
  const issues = useIssues();
  const canEdit = useCan("editor");
  const del = useDeleteFlow(flowId);
  const toast = useToast();
  const router = useRouter();
  const { map, query: counters } = useCounterMap(flowId);
  if (!draft || !flow) return null;
  return (
    <div className="grid gap-4 xl:grid-cols-[1fr_24rem]">
      <div className="flex min-w-0 flex-col gap-4">
        {flow.errors?.length ? (
          <Notice tone="warn" title="This flow refers to things that changed">
            <ul className="list-disc pl-5">
              {flow.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <Card title="About this flow">
          <div className="flex flex-col gap-3">
            <FlowName canEdit={canEdit} />
            <Field label="Description" path="description" error={issues.at("description")}>
              {(p) => <Textarea {...p} rows={2} className="font-sans text-sm" value={draft.description ?? ""} onChange={(e) => update((d) => ({ ...d, description: e.target.value }))} />}
            </Field>
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-500">Fields</dt>
                <dd className="font-semibold">{draft.fields.length}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Sources</dt>
                <dd className="font-semibold">{draft.sources.length}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Steps</dt>
                <dd className="font-semibold">{draft.steps.length}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Live</dt>
                <dd className="font-semibold">
                  <DeployedText at={flow.deployed_at} version={flow.deployed_version} />
                </dd>
              </div>
            </dl>
          </div>
        </Card>
        <Suspense>
          <VersionHistory flowId={flowId} doc={draft} deployedVersion={flow.deployed_version} deployedAt={flow.deployed_at} />
        </Suspense>
      </div>
      <div className="flex flex-col gap-4">
        <Card title="Cap fill now" description="Live counters of the deployed version.">
          {counters.isError ? <p className="text-sm text-slate-500">{errorText(counters.error)}</p> : null}
          {counters.data && counters.data.length === 0 ? <p className="text-sm text-slate-500">No caps with counters.</p> : null}
          <ul className="flex flex-col gap-2">
            {[...map.values()].map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate">{c.name ?? c.id}</span>
                <CapFill counter={c} maximum={c.effective_maximum ?? c.maximum ?? null} />
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Export and import">
          <p className="mb-3 text-sm text-slate-600">A JSON file with the flow, the custom fields, entities and lists it uses (no lead data, keys or list values). Import it on any Leadflow.</p>
          <div className="flex flex-wrap gap-2">
            <a className={buttonClass("secondary", "sm")} href={`/api/flows/${flowId}/export?version=latest`} download>
              Export latest (v{flow.version})
            </a>
            {flow.deployed_version ? (
              <a className={buttonClass("secondary", "sm")} href={`/api/flows/${flowId}/export?version=deployed`} download>
                Export live (v{flow.deployed_version})
              </a>
            ) : null}
          </div>
        </Card>
        {canEdit ? (
          <Card title="Delete flow">
            <p className="mb-3 text-sm text-slate-600">Its URLs answer 404 at once. Leads, events and reports keep the flow&apos;s name.</p>
            <Button
              variant="danger"
              size="sm"
              pending={del.isPending}
              onClick={() => {
                if (!window.confirm(`Delete the flow “${flow.name}”? Sources posting to it will get 404.`)) return;
                del.mutate(undefined, {
                  onSuccess: () => {
                    toast(`Deleted ${flow.name}`, "success");
                    try {
                      localStorage.removeItem(`leadflow:flow-draft:${flowId}`);
                    } catch {
                      /* ignore */
                    }
                    router.push("/flows");
                  },
                  onError: (e) => toast(errorText(e), "error"),
                });
              }}
            >
              Delete this flow
            </Button>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The name lives on the flow record, not in its versions (spec 07 §2.4): renaming is a PATCH that
 * takes effect at once and makes no new version, whatever else is being edited.
 */
function FlowName({ canEdit }: { canEdit: boolean }) {
  const { flow, flowId, renamed } = useFlowEditor();
  const issues = useIssues();
  const patch = usePatchFlow(flowId);
  const toast = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!flow) return null;
  function submit() {
    if (editing === null || !flow) return;
    const parsed = flowPatchBodySchema.safeParse({ name: editing });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the name");
    if (parsed.data.name === flow.name) return setEditing(null);
    setError(null);
    patch.mutate(parsed.data, {
      onSuccess: (f) => {
        renamed(f.name);
        setEditing(null);
        toast(`Renamed to ${f.name}`, "success");
      },
      onError: (e) => setError(e instanceof ApiError ? (e.issues.find((i) => i.path === "name")?.message ?? errorText(e)) : errorText(e)),
    });
  }
  if (editing === null) {
    return (
      <div className="flex flex-col gap-1" data-issue-path="name">
        <span className="text-sm font-medium text-slate-700">Flow name</span>
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-900">{flow.name}</span>
          {canEdit ? (
            <Button size="xs" variant="ghost" onClick={() => (setEditing(flow.name), setError(null))}>
              Rename
            </Button>
          ) : null}
        </div>
        {issues.at("name") ? <p className="text-xs font-medium text-red-700">{issues.at("name")}</p> : null}
      </div>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label="Flow name" path="name" error={error ?? issues.at("name")} hint="Takes effect at once; no new version." className="min-w-64 flex-1">
        {(p) => <Input {...p} value={editing} autoFocus onChange={(e) => setEditing(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setEditing(null)} />}
      </Field>
      <Button type="submit" size="md" variant="primary" pending={patch.isPending}>
        Save name
      </Button>
      <Button size="md" onClick={() => setEditing(null)}>
        Cancel
      </Button>
    </form>
  );
}
