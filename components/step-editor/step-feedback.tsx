"use client";
// Feedback a recipient may send about leads it accepted (spec 06 §5.2 step shape): returns and
// conversions separately, a maximum lead age for returns, optional rules for each. The recipient
// names the lead by the event id it received, so the request must carry {{event_id}}.
import { ExtraVariables, FEEDBACK_VARIABLES, RuleBuilder } from "@/components/rule-builder";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { newShortId } from "@/lib/ids";
import { eventIdMappingProperty, requestCarriesEventId, type RecipientStep } from "./steps";

type StepFeedbackSettings = NonNullable<RecipientStep["feedback"]>;

export function StepFeedback({ step, onChange, path }: { step: RecipientStep; onChange: (s: RecipientStep) => void; path: string }) {
  const issues = useIssues();
  const fb: StepFeedbackSettings = step.feedback ?? {};
  const ret = fb.return ?? { enabled: false };
  const conv = fb.conversion ?? { enabled: false };
  const name = step.description || step.entity?.name || "this recipient";
  const set = (next: StepFeedbackSettings) => onChange({ ...step, feedback: next });
  const any = Boolean(ret.enabled || conv.enabled);
  const carries = requestCarriesEventId(step.integration?.mappings);
  const property = eventIdMappingProperty(step.integration?.module_id);
  const endpoint = typeof window === "undefined" ? "/feedback" : `${window.location.origin}/feedback`;
  const agePath = `${path}.feedback.return.max_lead_age_days`;
  return (
    <ExtraVariables extra={FEEDBACK_VARIABLES}>
      <div className="flex flex-col gap-4">
        <p className="text-xs text-slate-600">
          The recipient must include <code className="rounded bg-slate-100 px-1 font-mono">{"{{event_id}}"}</code> in its request for feedback to work: it reports a
          lead by sending that id to <code className="rounded bg-slate-100 px-1 font-mono">{endpoint}?event_id=…</code> with{" "}
          <code className="font-mono">type=return</code> or <code className="font-mono">type=conversion</code> and an optional <code className="font-mono">reason</code>.{" "}
          <CopyButton text={`${endpoint}?event_id=`} label="Copy feedback URL" />
        </p>
        {any && !carries ? (
          <Notice tone="warn" title="The request does not send the event id yet">
            <p>Without it {name} cannot name the lead its feedback is about.</p>
            <Button
              size="xs"
              className="mt-2"
              onClick={() =>
                onChange({
                  ...step,
                  integration: { ...step.integration, mappings: [...(step.integration?.mappings ?? []), { id: newShortId(), property, value: "{{event_id}}", rule_set: null }] },
                })
              }
            >
              Add {property} ← {"{{event_id}}"} to the request
            </Button>
          </Notice>
        ) : null}

        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Returns</legend>
          <Switch
            checked={Boolean(ret.enabled)}
            onChange={(enabled) => set({ ...fb, return: { ...ret, enabled } })}
            label="Accept returns"
            description="The recipient may return leads it accepted, e.g. unreachable or not a prospect."
          />
          {ret.enabled ? (
            <>
              <Field label="Maximum lead age (days)" path={agePath} error={issues.at(agePath)} hint="Returns of older leads are refused. Blank: no limit." className="max-w-60">
                {(p) => (
                  <Input
                    {...p}
                    type="number"
                    min={1}
                    max={3650}
                    step={1}
                    value={ret.max_lead_age_days ?? ""}
                    onChange={(e) => set({ ...fb, return: { ...ret, max_lead_age_days: e.target.value === "" ? null : Number(e.target.value) } })}
                  />
                )}
              </Field>
              <RuleBuilder
                label={`Return rules of ${name}`}
                value={ret.rule_set}
                onChange={(rule_set) => set({ ...fb, return: { ...ret, rule_set } })}
                issuePath={`${path}.feedback.return.rule_set`}
                emptyText="No rules: every return within the age limit is accepted."
              />
            </>
          ) : null}
        </fieldset>

        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Conversions</legend>
          <Switch
            checked={Boolean(conv.enabled)}
            onChange={(enabled) => set({ ...fb, conversion: { ...conv, enabled } })}
            label="Accept conversions"
            description="The recipient may report that a lead became a customer."
          />
          {conv.enabled ? (
            <RuleBuilder
              label={`Conversion rules of ${name}`}
              value={conv.rule_set}
              onChange={(rule_set) => set({ ...fb, conversion: { ...conv, rule_set } })}
              issuePath={`${path}.feedback.conversion.rule_set`}
              emptyText="No rules: every conversion is accepted."
            />
          ) : null}
        </fieldset>
      </div>
    </ExtraVariables>
  );
}
