"use client";
// Recipient / enhancement step (spec 05 §3–§4): who receives the lead, the format, URL and
// method, the request mappings, how the response is read, when the step runs, sale price, caps.
import { useState } from "react";
import type { Entity, Mapping } from "@/components/api/types";
import { useEntities } from "@/components/api/use-catalog";
import { useLists } from "@/components/api/use-lists";
import { CapTree } from "@/components/cap-tree";
import type { CapCounter } from "@/components/api/types";
import { mappingValue } from "@/components/flows/mapping-editor";
import { PricingRules } from "@/components/flows/pricing-rules";
import { AddSourceDialog } from "@/components/flows/sources-editor";
import { RuleBuilder } from "@/components/rule-builder";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { IntegrationEditor, Section, useMappingFields } from "./integration-editor";
import { StepFeedback } from "./step-feedback";
import { MODULES, type RecipientStep } from "./steps";

export function RecipientForm({ step, onChange, path, counters }: { step: RecipientStep; onChange: (s: RecipientStep) => void; path: string; counters?: ReadonlyMap<string, CapCounter> }) {
  const issues = useIssues();
  const recipients = useEntities("recipient").data ?? [];
  const lists = useLists().data ?? [];
  const [adding, setAdding] = useState(false);
  const mappings = step.integration?.mappings ?? [];
  const moduleId = step.integration?.module_id ?? "custom.outbound.json";
  const mod = MODULES.find((m) => m.id === moduleId);
  const isList = moduleId.startsWith("suppressionlist.");
  const mpath = `${path}.integration.mappings`;
  const setMappings = (next: Mapping[]) => onChange({ ...step, integration: { ...step.integration, module_id: moduleId, mappings: next } });
  const { text, issueFor, set: dedicated } = useMappingFields(mappings, setMappings, mpath);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Recipient" path={`${path}.entity`} error={issues.at(`${path}.entity.id`) ?? issues.at(`${path}.entity`)} hint={isList ? "Optional for suppression-list steps." : "The buyer or system that receives the lead."}>
          {(p) => (
            <div className="flex gap-2">
              <Select
                {...p}
                value={step.entity?.id ?? ""}
                onChange={(e) => {
                  const ent = recipients.find((r) => r.id === e.target.value);
                  onChange({ ...step, entity: ent ? { id: ent.id, name: ent.name } : null });
                }}
              >
                <option value="">None</option>
                {recipients.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
                {step.entity && !recipients.some((r) => r.id === step.entity?.id) ? <option value={step.entity.id}>{step.entity.name || step.entity.id}</option> : null}
              </Select>
              <Button size="md" onClick={() => setAdding(true)}>
                New…
              </Button>
            </div>
          )}
        </Field>
        <Field label="Description" path={`${path}.description`} error={issues.at(`${path}.description`)}>
          {(p) => <Input {...p} value={step.description ?? ""} onChange={(e) => onChange({ ...step, description: e.target.value })} placeholder="Deliver to Acme CRM" />}
        </Field>
        <Field label="Format" path={`${path}.integration.module_id`} error={issues.at(`${path}.integration.module_id`)}>
          {(p) => (
            <Select
              {...p}
              value={moduleId}
              onChange={(e) => {
                const next = e.target.value;
                onChange({
                  ...step,
                  purpose: next.startsWith("suppressionlist.") ? "enhancement" : step.purpose === "enhancement" ? "delivery" : step.purpose,
                  integration: { ...step.integration, module_id: next, mappings },
                });
              }}
            >
              {MODULES.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
              {!mod ? <option value={moduleId}>{moduleId}</option> : null}
            </Select>
          )}
        </Field>
        <Field label="Purpose" hint="Enhancements append data and are never retried.">
          {(p) => (
            <Select {...p} value={step.purpose ?? (isList ? "enhancement" : "delivery")} onChange={(e) => onChange({ ...step, purpose: e.target.value as RecipientStep["purpose"] })}>
              <option value="delivery">delivery</option>
              <option value="enhancement">enhancement</option>
              <option value="notification">notification</option>
            </Select>
          )}
        </Field>
      </div>

      {isList ? (
        <Section title="Suppression list" description="Works on this server's lists; nothing leaves it.">
          <div className="grid gap-3 md:grid-cols-2">
            <Field label="List" error={issueFor("list_names") ?? issueFor("list_name")}>
              {(p) => {
                const prop = moduleId.endsWith("query_item") ? "list_names" : "list_name";
                return (
                  <Select {...p} value={mappingValue(mappings, prop)} onChange={(e) => dedicated(prop, e.target.value)}>
                    <option value="">Choose a list…</option>
                    {lists.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </Select>
                );
              }}
            </Field>
            {moduleId.endsWith("add_item") || moduleId.endsWith("delete_item")
              ? text("values", "Values", "{{lead.email}},{{lead.phone_1}}", "Comma-separated; templates allowed.")
              : text("value", "Value to look up", "{{lead.email}}")}
          </div>
        </Section>
      ) : (
        <IntegrationEditor moduleId={moduleId} mappings={mappings} onChange={setMappings} path={mpath} label={`Request mapping of ${step.description || "recipient"}`} />
      )}

      <Section title="When this step runs" description="Leads that do not match skip this step (outcome skip); the lead itself is not affected.">
        <RuleBuilder label={`Criteria of ${step.description || "recipient"}`} value={step.rule_set} onChange={(rule_set) => onChange({ ...step, rule_set })} issuePath={`${path}.rule_set`} emptyText="No criteria: every lead that reaches this step is sent." />
        <div className="mt-3 flex flex-wrap gap-6">
          {isList || step.purpose === "enhancement" ? null : (
            <Switch
              checked={step.retry_enabled !== false}
              onChange={(retry_enabled) => onChange({ ...step, retry_enabled })}
              label="Retry errors"
              description="Time-outs and 5xx answers are retried for about 3 hours. Turn off for buyers with a fallback buyer after them."
            />
          )}
          <Switch checked={Boolean(step.parallel)} onChange={(parallel) => onChange({ ...step, parallel })} label="Run in parallel" description="With the neighbouring parallel recipient steps." />
        </div>
      </Section>

      {isList ? null : (
        <>
          <Section title="Sale price" description="What this recipient pays. The last matching price wins; no match → $0.">
            <PricingRules emptyText="No sale price: this recipient pays $0 unless its response carries a price." label={`Sale prices of ${step.description || "recipient"}`} path={`${path}.pricing`} value={step.pricing} onChange={(pricing) => onChange({ ...step, pricing })} />
          </Section>
          <Section title="Step caps" description="When a step cap is full the step is skipped; the lead is not rejected.">
            <CapTree label={`Caps of ${step.description || "recipient"}`} caps={step.caps ?? []} issuePath={`${path}.caps`} counters={counters} namePrefix={`${step.description || step.entity?.name || "Step"} Step - Cap`} onChange={(caps) => onChange({ ...step, caps })} />
          </Section>
          <Section title="Feedback" description="Let this recipient report returns and conversions of leads it accepted. Feedback never changes the lead's outcome or price.">
            <StepFeedback step={step} onChange={onChange} path={path} />
          </Section>
        </>
      )}
      <AddSourceDialog
        role="recipient"
        open={adding}
        onClose={() => setAdding(false)}
        exclude={[]}
        onAdd={(e: Entity) => {
          onChange({ ...step, entity: { id: e.id, name: e.name } });
          setAdding(false);
        }}
      />
    </div>
  );
}
