"use client";
import { StepEditor } from "@/components/step-editor";
import { Notice } from "@/components/ui/card";
import { useCounterMap } from "./caps-editor";
import { useFlowEditor } from "./flow-editor-provider";

export function StepsPage() {
  const { draft, update, flowId } = useFlowEditor();
  const { map } = useCounterMap(flowId);
  if (!draft) return null;
  return (
    <div className="flex flex-col gap-4">
      <Notice tone="info">
        Steps run in this order for every accepted lead. A recipient&apos;s answer never changes the lead&apos;s outcome by itself: to reject a lead when a delivery
        fails, add a filter after it that stops on that step&apos;s outcome (e.g. <code>acme_crm.outcome is not equal to success</code>).
      </Notice>
      <StepEditor steps={draft.steps} onChange={(steps) => update((d) => ({ ...d, steps }))} counters={map} />
    </div>
  );
}
