"use client";
// The drag-ordered step editor (spec 05 §1: steps run in this order, one at a time). Cards are
// reordered with the mouse, touch or keyboard (focus the grip, Space, arrows, Space) or with the
// ↑/↓ buttons; steps can be added, duplicated, removed, enabled and edited in place.
import { useState } from "react";
import type { CapCounter, Step } from "@/components/api/types";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useIssues } from "@/components/ui/issues";
import { SortableList, moveItem } from "@/components/ui/sortable-list";
import { StepCard } from "./step-card";
import { duplicateStep, newFilterStep, newRecipientStep, stepTitle } from "./steps";

export interface StepEditorProps {
  steps: readonly Step[];
  onChange: (steps: Step[]) => void;
  /** Where the steps sit in the flow document (normally `steps`). */
  issuePath?: string;
  counters?: ReadonlyMap<string, CapCounter>;
}

export function StepEditor({ steps, onChange, issuePath = "steps", counters }: StepEditorProps) {
  const issues = useIssues();
  // Cards with problems open by themselves so the messages are visible.
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const isOpen = (s: Step, i: number) => open.has(s.id ?? String(i)) || issues.under(`${issuePath}.${i}`).length > 0;
  const toggle = (s: Step, i: number) => {
    const key = s.id ?? String(i);
    const next = new Set(open);
    if (isOpen(s, i)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };
  const add = (step: Step) => {
    onChange([...steps, step]);
    setOpen(new Set([...open, step.id ?? ""]));
  };
  const addButtons = (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={() => add(newFilterStep())}>
        + Add filter
      </Button>
      <Button size="sm" onClick={() => add(newRecipientStep("enhancement"))}>
        + Add enhancement
      </Button>
      <Button size="sm" onClick={() => add(newRecipientStep("delivery"))}>
        + Add recipient
      </Button>
    </div>
  );
  if (steps.length === 0) {
    return (
      <EmptyState title="No steps yet" action={addButtons}>
        Accepted leads go through the steps in order: filters stop leads, enhancements append data, recipients receive the lead.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <SortableList
        label="Steps"
        items={steps}
        getId={(s, i) => s.id ?? String(i)}
        itemLabel={(s, i) => `step ${i + 1}, ${stepTitle(s)}`}
        onReorder={(next) => onChange(next)}
        className="flex flex-col gap-2"
        renderItem={(step, i, handle) => (
          <StepCard
            step={step}
            index={i}
            count={steps.length}
            path={`${issuePath}.${i}`}
            open={isOpen(step, i)}
            onToggle={() => toggle(step, i)}
            onChange={(s) => onChange(steps.map((x, j) => (j === i ? s : x)))}
            onMove={(to) => onChange(moveItem(steps, i, to))}
            onDuplicate={() => onChange([...steps.slice(0, i + 1), duplicateStep(step), ...steps.slice(i + 1)])}
            onRemove={() => {
              if (window.confirm(`Remove step ${i + 1} (${stepTitle(step)})?`)) onChange(steps.filter((_, j) => j !== i));
            }}
            handle={handle}
            counters={counters}
          />
        )}
      />
      {addButtons}
    </div>
  );
}
