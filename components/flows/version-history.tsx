"use client";
// Version history (spec 07 §2.4): every save is an immutable version; compare any two as a
// readable list of changes, deploy an older one, or roll back (a new version equal to an old one).
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { errorText } from "@/components/api/client";
import type { DiffChange, FlowDocument } from "@/components/api/types";
import { useCan } from "@/components/api/use-me";
import { useDeployFlow, useFlowDiff, useFlowVersions, useRollbackFlow } from "@/components/api/use-flows";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Select } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { useToast } from "@/components/ui/toast";
import { DeployedText } from "./deployed";
import { describePath } from "./document";
import { TableHead } from "@/components/ui/table-head";

function short(v: unknown): string {
  if (v === undefined || v === null) return "(none)";
  if (v === "") return "(empty)";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

export function DiffList({ changes, doc }: { changes: DiffChange[]; doc?: FlowDocument | null }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">No differences.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="Changes">
      {changes.map((c, i) => {
        const added = c.before === undefined || c.before === null;
        const removed = !added && (c.after === undefined || c.after === null);
        return (
          <li key={i} className="py-2">
            <div className="flex items-center gap-2">
              <Badge tone={added ? "green" : removed ? "red" : "blue"}>{added ? "added" : removed ? "removed" : "changed"}</Badge>
              <span className="font-medium text-slate-800">{describePath(c.path, doc)}</span>
              <span className="font-mono text-[11px] text-slate-400">{c.path}</span>
            </div>
            <div className="mt-1 grid gap-1 pl-2 font-mono text-xs sm:grid-cols-2">
              {!added ? <div className="rounded bg-red-50 px-2 py-1 break-all text-red-900">− {short(c.before)}</div> : <div />}
              {!removed ? <div className="rounded bg-emerald-50 px-2 py-1 break-all text-emerald-900">+ {short(c.after)}</div> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function VersionHistory({
  flowId,
  doc,
  deployedVersion,
  deployedAt,
}: {
  flowId: string;
  doc: FlowDocument | null;
  deployedVersion: number | null;
  deployedAt?: string | null;
}) {
  const versions = useFlowVersions(flowId);
  const params = useSearchParams();
  const canEdit = useCan("editor");
  const [compare, setCompare] = useState<{ version: number; against: number } | null>(null);
  const [rollback, setRollback] = useState<number | null>(null);
  const diff = useFlowDiff(flowId, compare?.version ?? null, compare?.against ?? null);
  const deploy = useDeployFlow(flowId);
  const toast = useToast();

  // The conflict banner links here with ?compare=<theirs>&against=<mine>.
  useEffect(() => {
    const v = Number(params.get("compare"));
    const a = Number(params.get("against"));
    if (v > 0 && a > 0) setCompare({ version: v, against: a });
  }, [params]);

  const list = versions.data ?? [];
  return (
    <Card
      title="Version history"
      description={
        <>
          Each save is a new version; only the deployed one handles leads.{" "}
          {deployedVersion ? (
            <span className="font-medium text-slate-700">
              Live: <DeployedText at={deployedAt} version={deployedVersion} />.
            </span>
          ) : (
            <span className="font-medium text-amber-700">No version is deployed yet.</span>
          )}
        </>
      }
    >
      <QueryState query={versions} label="versions" />
      {list.length ? (
        <table className="w-full text-sm">
          <TableHead columns={["Version", "Saved", "By", "Note"]} actions />
          <tbody className="divide-y divide-slate-100">
            {list.map((v) => (
              <tr key={v.version} className={compare?.version === v.version ? "bg-brand-50/50" : undefined}>
                <td className="py-2">
                  <span className="font-semibold">v{v.version}</span> {v.version === deployedVersion || v.deployed ? (
                    <span title={v.deployed_at ? `Deployed ${new Date(v.deployed_at).toLocaleString()}` : undefined}>
                      <Badge tone="green">live</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="py-2 text-slate-600">{new Date(v.created_at).toLocaleString()}</td>
                <td className="py-2 text-slate-600">{v.created_by?.name ?? "—"}</td>
                <td className="py-2 text-slate-600">
                  {v.message ?? ""}
                  {v.summary ? <span className="text-xs text-slate-400"> {v.summary.sources ?? 0} sources, {v.summary.steps ?? 0} steps</span> : null}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {v.version > 1 ? (
                    <Button size="xs" variant="ghost" onClick={() => setCompare({ version: v.version, against: v.version - 1 })} aria-label={`Compare version ${v.version} with version ${v.version - 1}`}>
                      Changes
                    </Button>
                  ) : null}
                  {canEdit && v.version !== deployedVersion ? (
                    <Button
                      size="xs"
                      variant="ghost"
                      aria-label={`Deploy version ${v.version}`}
                      onClick={() =>
                        window.confirm(`Make version ${v.version} the live version?`) &&
                        deploy.mutate(v.version, { onSuccess: (r) => toast(r.message ?? "Deployed", "success"), onError: (e) => toast(errorText(e), "error") })
                      }
                    >
                      Deploy
                    </Button>
                  ) : null}
                  {canEdit && v.version !== list[0]?.version ? (
                    <Button size="xs" variant="ghost" onClick={() => setRollback(v.version)} aria-label={`Roll back to version ${v.version}`}>
                      Roll back
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {compare ? (
        <section className="mt-4 rounded-md border border-slate-200 p-3" aria-label="Version comparison">
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">Changes from</span>
            <Select aria-label="Older version" value={compare.against} onChange={(e) => setCompare({ ...compare, against: Number(e.target.value) })} className="h-8 w-24">
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </Select>
            <span className="font-medium">to</span>
            <Select aria-label="Newer version" value={compare.version} onChange={(e) => setCompare({ ...compare, version: Number(e.target.value) })} className="h-8 w-24">
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </Select>
            <Button size="xs" variant="ghost" className="ml-auto" onClick={() => setCompare(null)}>
              Close
            </Button>
          </div>
          <QueryState query={diff} label="the changes" />
          {diff.data ? <DiffList changes={diff.data} doc={doc} /> : null}
        </section>
      ) : null}
      <RollbackDialog flowId={flowId} version={rollback} onClose={() => setRollback(null)} />
    </Card>
  );
}

function RollbackDialog({ flowId, version, onClose }: { flowId: string; version: number | null; onClose: () => void }) {
  const rollback = useRollbackFlow(flowId);
  const toast = useToast();
  const [deploy, setDeploy] = useState(true);
  return (
    <Dialog
      open={version !== null}
      onClose={onClose}
      title={`Roll back to version ${version}`}
      description="Creates a new version with exactly that configuration. History stays: nothing is deleted."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            pending={rollback.isPending}
            onClick={() =>
              version &&
              rollback.mutate(
                { version, deploy },
                {
                  onSuccess: (f) => {
                    toast(`Rolled back: version ${f.version} equals version ${version}${deploy ? " and is live" : ""}`, "success");
                    onClose();
                  },
                  onError: (e) => toast(errorText(e), "error"),
                },
              )
            }
          >
            Roll back
          </Button>
        </>
      }
    >
      <Checkbox label="Deploy it now" checked={deploy} onChange={(e) => setDeploy(e.target.checked)} />
      <p className="mt-2 text-xs text-slate-500">Unsaved changes in this browser stay as a draft based on the old version; saving them later will ask what to do.</p>
    </Dialog>
  );
}
