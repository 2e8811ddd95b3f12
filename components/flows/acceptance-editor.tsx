"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { AcceptanceForm } from "./acceptance-form";
import { useFlowEditor } from "./flow-editor-provider";
import { ScheduleForm } from "./schedule-form";

export function AcceptanceEditor() {
  const { draft, update, flowId } = useFlowEditor();
  if (!draft) return null;
  return (
    <div className="flex flex-col gap-4">
      <Card
        title="Flow acceptance criteria"
        description="Checked first for every lead. A lead that does not match is rejected at once with the outcome and reason below; nothing else runs."
      >
        <AcceptanceForm
          label="Acceptance criteria"
          path="acceptance_criteria"
          value={draft.acceptance_criteria}
          onChange={(acceptance_criteria) => update((d) => ({ ...d, acceptance_criteria }))}
        />
        <p className="mt-3 text-xs text-slate-500">
          Sources can add their own criteria, checked after these: see{" "}
          <Link className="text-brand-700 underline" href={`/flows/${flowId}/sources`}>
            Sources
          </Link>
          .
        </p>
      </Card>
      <Card title="Hours of operation" description="Leads outside these hours fail with “Submission Timestamp must be within hours of operation”. Checked before the acceptance criteria.">
        <ScheduleForm value={draft.schedule} onChange={(schedule) => update((d) => ({ ...d, schedule }))} />
      </Card>
    </div>
  );
}
