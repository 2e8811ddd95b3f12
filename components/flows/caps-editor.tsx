"use client";
import { useMemo } from "react";
import type { CapCounter } from "@/components/api/types";
import { useCapCounters } from "@/components/api/use-reports";
import { CapTree } from "@/components/cap-tree";
import { Card, Notice } from "@/components/ui/card";
import { useFlowEditor } from "./flow-editor-provider";

/** Live counters by cap id, for every cap tree of the flow. */
export function useCounterMap(flowId: string) {
  const counters = useCapCounters(flowId);
  const map = useMemo(() => new Map<string, CapCounter>((counters.data ?? []).map((c) => [c.id, c])), [counters.data]);
  return { map, query: counters };
}

export function CapsEditor() {
  const { draft, update, flowId, flow } = useFlowEditor();
  const { map } = useCounterMap(flowId);
  if (!draft) return null;
  const flowName = draft.name || flow?.name || "Flow";
  return (
    <div className="flex flex-col gap-4">
      <Notice tone="info">
        Caps are checked after pricing, flow caps first, then the submitting source&apos;s caps, depth first. A cap whose condition does not match is skipped together with
        everything nested in it; every cap that applies must have room. Drag a cap sideways to nest it, or use ⇥ / ⇤. Fill shows the deployed version&apos;s live
        counters.
      </Notice>
      <Card title="Flow caps" description="Apply to every lead of the flow.">
        <CapTree
          label="Flow caps"
          caps={draft.caps}
          issuePath="caps"
          counters={map}
          namePrefix={`${flowName}: Flow - Cap`}
          onChange={(caps) => update((d) => ({ ...d, caps }))}
        />
      </Card>
      {draft.sources.map((s, i) => (
        <Card key={s.id ?? i} title={`Source caps: ${s.entity.name || s.entity.id}`} description="Apply only to leads from this source, after the flow caps.">
          <CapTree
            label={`Caps of source ${s.entity.name || s.entity.id}`}
            caps={s.caps ?? []}
            issuePath={`sources.${i}.caps`}
            counters={map}
            namePrefix={`${flowName}: ${s.entity.name} Source - Cap`}
            onChange={(caps) => update((d) => ({ ...d, sources: d.sources.map((x, j) => (j === i ? { ...x, caps } : x)) }))}
          />
        </Card>
      ))}
      <p className="text-xs text-slate-500">Recipient step caps are set on each recipient step (Steps page); a full step cap skips the step instead of rejecting the lead.</p>
    </div>
  );
}
