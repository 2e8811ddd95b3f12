"use client";
import { useRouter } from "next/navigation";
import { Suspense } from "react";
import { errorText } from "@/components/api/client";
import { useCan } from "@/components/api/use-me";
import { useDeleteFlow } from "@/components/api/use-flows";
import { CapFill } from "@/components/cap-tree";
import { buttonClass } from "@/components/ui/button";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { useToast } from "@/components/ui/toast";
import { useCounterMap } from "./caps-editor";
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
            <Field label="Flow name" path="name" error={issues.at("name")}>
              {(p) => <Input {...p} value={draft.name} onChange={(e) => update((d) => ({ ...d, name: e.target.value }))} />}
            </Field>
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
                <dt className="text-xs text-slate-500">Live since</dt>
                <dd className="font-semibold">
                  {flow.deployed_version ? (flow.deployed_at ? new Date(flow.deployed_at).toLocaleString() : `version ${flow.deployed_version}`) : "not deployed"}
                </dd>
              </div>
            </dl>
          </div>
        </Card>
        <Suspense>
          <VersionHistory flowId={flowId} doc={draft} deployedVersion={flow.deployed_version} />
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
