"use client";
// Filter step (spec 05 §2): the rule set describes the leads to STOP.
import { RuleBuilder } from "@/components/rule-builder";
import { Field, Input, Select } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import type { FilterStep } from "./steps";

const OUTCOMES = ["failure", "success", "error"];

export function FilterForm({ step, onChange, path }: { step: FilterStep; onChange: (s: FilterStep) => void; path: string }) {
  const issues = useIssues();
  const outcome = step.outcome ?? "failure";
  const templated = !OUTCOMES.includes(outcome);
  return (
    <div className="flex flex-col gap-4">
      <Field label="Description" hint="Shown in the lead timeline and used in the default reason “Stopped by filter: …”." path={`${path}.description`} error={issues.at(`${path}.description`)}>
        {(p) => <Input {...p} value={step.description ?? ""} onChange={(e) => onChange({ ...step, description: e.target.value })} placeholder="Stop non-TX leads" />}
      </Field>
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">Stop the lead when it matches</p>
        <p className="mb-2 text-xs text-slate-500">Leads that do not match continue to the next step.</p>
        <RuleBuilder label={`Stop rules of ${step.description || "filter"}`} value={step.rule_set} onChange={(rule_set) => onChange({ ...step, rule_set })} issuePath={`${path}.rule_set`} emptyText="No rules: this filter never stops a lead." />
      </div>
      <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
        <Field label="Outcome when stopped" path={`${path}.outcome`} error={issues.at(`${path}.outcome`)} hint="Success stops with a sold, charged lead.">
          {(p) => (
            <div className="flex flex-col gap-1">
              <Select {...p} value={templated ? "template" : outcome} onChange={(e) => onChange({ ...step, outcome: e.target.value === "template" ? "{{}}" : e.target.value })}>
                <option value="failure">failure</option>
                <option value="success">success</option>
                <option value="error">error</option>
                <option value="template">an earlier step&apos;s outcome…</option>
              </Select>
              {templated ? <Input aria-label="Outcome template" value={outcome} onChange={(e) => onChange({ ...step, outcome: e.target.value })} placeholder="{{acme_crm.outcome}}" className="font-mono text-xs" /> : null}
            </div>
          )}
        </Field>
        <Field label="Reason when stopped" path={`${path}.reason`} error={issues.at(`${path}.reason`)} hint="Template; keep personal data out (reasons are grouped in reports).">
          {(p) => <Input {...p} value={step.reason ?? ""} onChange={(e) => onChange({ ...step, reason: e.target.value || null })} placeholder="Outside service area" />}
        </Field>
      </div>
    </div>
  );
}
