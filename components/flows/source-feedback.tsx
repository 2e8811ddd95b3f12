"use client";
// Feedback sent on to a flow source when a recipient returns or converts one of its leads (spec 06
// §5.2 source shape, §5.5): per type a switch, optional rules, and the outbound call — the same
// integration editor as a recipient step (JSON, form, XML or query string with mappings).
import type { FlowSource, Mapping } from "@/components/api/types";
import { ExtraVariables, FEEDBACK_VARIABLES, RuleBuilder } from "@/components/rule-builder";
import { HTTP_MODULES, IntegrationEditor } from "@/components/step-editor/integration-editor";
import { Field, Select, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { newShortId } from "@/lib/ids";

type SourceFeedback = NonNullable<FlowSource["feedback"]>;
type FeedbackType = "return" | "conversion";
type TypeSettings = NonNullable<SourceFeedback[FeedbackType]>;

const TYPE_TEXT: Record<FeedbackType, { title: string; plural: string }> = {
  return: { title: "Returns", plural: "returns" },
  conversion: { title: "Conversions", plural: "conversions" },
};

/** A starting point when feedback is first switched on: JSON with the lead id, type and reason. */
export function defaultFeedbackIntegration(): NonNullable<TypeSettings["integration"]> {
  const m = (property: string, value: string): Mapping => ({ id: newShortId(), property, value, rule_set: null });
  return {
    module_id: "custom.outbound.json",
    mappings: [m("url", ""), m("json_property.lead_id", "{{lead.id}}"), m("json_property.type", "{{feedback.type}}"), m("json_property.reason", "{{feedback.reason}}")],
  };
}

export function SourceFeedbackEditor({ source, path, onChange }: { source: FlowSource; path: string; onChange: (feedback: SourceFeedback | null) => void }) {
  const fb: SourceFeedback = source.feedback ?? {};
  const name = source.entity.name || source.entity.id;
  return (
    <ExtraVariables extra={FEEDBACK_VARIABLES}>
      <div className="flex flex-col gap-4">
        {(["return", "conversion"] as const).map((type) => (
          <FeedbackType
            key={type}
            type={type}
            sourceName={name}
            path={`${path}.feedback.${type}`}
            value={fb[type]}
            onChange={(next) => onChange({ ...fb, [type]: next })}
          />
        ))}
      </div>
    </ExtraVariables>
  );
}

function FeedbackType({ type, sourceName, path, value, onChange }: { type: FeedbackType; sourceName: string; path: string; value: TypeSettings | undefined; onChange: (v: TypeSettings) => void }) {
  const issues = useIssues();
  const text = TYPE_TEXT[type];
  const current: TypeSettings = value ?? { enabled: false };
  const integration = current.integration ?? defaultFeedbackIntegration();
  const modulePath = `${path}.integration.module_id`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3" aria-label={`${text.title} sent to ${sourceName}`}>
      <legend className="px-1 text-sm font-medium text-slate-700">{text.title}</legend>
      <Switch
        checked={Boolean(current.enabled)}
        // Switching off keeps the settings, so switching on again restores them.
        onChange={(enabled) => onChange({ ...current, enabled, integration: enabled ? integration : current.integration })}
        label={`Send ${text.plural} to ${sourceName}`}
        description={`When a recipient reports one of this source's leads as a ${type}, ${sourceName} is told at once. If it refuses, the recipient is told so.`}
      />
      {current.enabled ? (
        <>
          <div>
            <p className="mb-1 text-sm font-medium text-slate-700">Send only when</p>
            <RuleBuilder
              label={`${text.title} rules of ${sourceName}`}
              value={current.rule_set}
              onChange={(rule_set) => onChange({ ...current, rule_set })}
              issuePath={`${path}.rule_set`}
              emptyText={`No rules: every accepted ${type} is sent.`}
            />
          </div>
          <Field label="Format" path={modulePath} error={issues.at(modulePath)} className="max-w-80">
            {(p) => (
              <Select {...p} value={integration.module_id} onChange={(e) => onChange({ ...current, integration: { ...integration, module_id: e.target.value } })}>
                {HTTP_MODULES.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
                {!HTTP_MODULES.some((m) => m.id === integration.module_id) ? <option value={integration.module_id}>{integration.module_id}</option> : null}
              </Select>
            )}
          </Field>
          <IntegrationEditor
            moduleId={integration.module_id}
            mappings={integration.mappings ?? []}
            onChange={(mappings) => onChange({ ...current, integration: { ...integration, mappings } })}
            path={`${path}.integration.mappings`}
            label={`${text.title} request mapping of ${sourceName}`}
            requestDescription="Where the feedback is sent. Templates see the lead and {{feedback.type}}, {{feedback.reason}}, {{feedback.timestamp}}."
            suggestions={["json_property.lead_id", "json_property.reason", "json_property.type"]}
            withPrice={false}
          />
        </>
      ) : null}
    </fieldset>
  );
}
