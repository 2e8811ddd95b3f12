"use client";
// Acceptance criteria (spec 04 §1): a rule set, the outcome returned when it FAILS and an
// optional reason template. Used for the flow and for each source.
import type { FlowDocument } from "@/components/api/types";
import { RuleBuilder } from "@/components/rule-builder";
import { Field, Input, Select } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";

type Acceptance = NonNullable<FlowDocument["acceptance_criteria"]>;

export function AcceptanceForm({ value, onChange, path, label }: { value: Acceptance | null | undefined; onChange: (next: Acceptance | null) => void; path: string; label: string }) {
  const issues = useIssues();
  const current: Acceptance = value ?? { rule_set: null, outcome: "failure", reason: null };
  const set = (patch: Partial<Acceptance>) => {
    const next = { ...current, ...patch };
    // No rules and no custom settings means "no criteria" in the document.
    onChange(!next.rule_set && !next.reason && next.outcome === "failure" ? null : next);
  };
  return (
    <div className="flex flex-col gap-4">
      <RuleBuilder
        label={label}
        value={current.rule_set}
        onChange={(rule_set) => set({ rule_set })}
        issuePath={`${path}.rule_set`}
        emptyText="No criteria: every lead passes this gate."
      />
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label="Outcome when rules fail" path={`${path}.outcome`} error={issues.at(`${path}.outcome`)} hint="Failure is a business decision; error a technical problem.">
          {(p) => (
            <Select {...p} value={current.outcome} onChange={(e) => set({ outcome: e.target.value as Acceptance["outcome"] })}>
              <option value="failure">failure</option>
              <option value="error">error</option>
              <option value="success">success</option>
            </Select>
          )}
        </Field>
        <Field
          label="Reason returned to the source"
          path={`${path}.reason`}
          error={issues.at(`${path}.reason`)}
          hint="Optional template. Blank: the failing rule's generated reason, e.g. “State must be equal to TX”."
        >
          {(p) => <Input {...p} value={current.reason ?? ""} placeholder="Lead must live in {{lead.state.name}}…" onChange={(e) => set({ reason: e.target.value || null })} />}
        </Field>
      </div>
    </div>
  );
}
