"use client";
// Sources page: which source entities may submit to the flow, and per source its switch,
// authentication and keys, ready-to-copy URL and examples, field mapping, acceptance criteria,
// prices and caps (the last two are also on the Pricing and Caps pages; same draft), and the
// returns and conversions passed on to the source.
import { useState } from "react";
import { ApiError, errorText } from "@/components/api/client";
import type { Entity, FlowSource } from "@/components/api/types";
import { useCreateEntity, useEntities, useFields } from "@/components/api/use-catalog";
import { CapTree } from "@/components/cap-tree";
import { entityCreateBodySchema } from "@/lib/schemas/entity";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { useToast } from "@/components/ui/toast";
import { AcceptanceForm } from "./acceptance-form";
import { useCounterMap } from "./caps-editor";
import { useFlowEditor } from "./flow-editor-provider";
import { newShortId } from "@/lib/ids";
import { MappingEditor } from "./mapping-editor";
import { PricingRules } from "./pricing-rules";
import { SourceFeedbackEditor } from "./source-feedback";
import { SourceKeys } from "./source-keys";
import { SubmissionInfo } from "./submission-info";

export function newFlowSource(entity: Pick<Entity, "id" | "name">): FlowSource {
  return {
    id: newShortId(),
    entity: { id: entity.id, name: entity.name },
    integration: { module_id: "leadconduit-default.inbound", mappings: [] },
    acceptance_criteria: null,
    pricing: null,
    pricing_service: null,
    caps: [],
    feedback: null,
    enabled: true,
    authentication_required: false,
  };
}

export function SourcesEditor() {
  const { draft, update } = useFlowEditor();
  const issues = useIssues();
  const [selected, setSelected] = useState(0);
  const [adding, setAdding] = useState(false);
  if (!draft) return null;
  const index = Math.min(selected, Math.max(0, draft.sources.length - 1));
  const source = draft.sources[index];
  return (
    <div className="grid gap-4 lg:grid-cols-[15rem_1fr]">
      <div className="flex flex-col gap-2">
        <nav aria-label="Sources of this flow" className="flex flex-col gap-1">
          {draft.sources.map((s, i) => (
            <button
              key={s.id ?? i}
              type="button"
              aria-current={i === index ? "true" : undefined}
              onClick={() => setSelected(i)}
              className={cn(
                "flex items-center justify-between rounded-md px-3 py-2 text-left text-sm",
                i === index ? "bg-brand-50 font-medium text-brand-700 ring-1 ring-brand-100" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              <span className="truncate">{s.entity.name || s.entity.id}</span>
              <span className="flex gap-1">
                {issues.under(`sources.${i}`).length ? <Badge tone="red">!</Badge> : null}
                {s.enabled === false ? <Badge>off</Badge> : null}
              </span>
            </button>
          ))}
        </nav>
        <Button size="sm" onClick={() => setAdding(true)}>
          + Add source
        </Button>
      </div>
      <div className="min-w-0">
        {source ? (
          <SourcePanel key={source.id ?? index} source={source} index={index} onRemoved={() => setSelected(0)} />
        ) : (
          <EmptyState title="No sources yet" action={<Button onClick={() => setAdding(true)}>Add a source</Button>}>
            A source is a vendor or web form that submits leads. Each source gets its own URL.
          </EmptyState>
        )}
      </div>
      <AddSourceDialog
        open={adding}
        onClose={() => setAdding(false)}
        exclude={draft.sources.map((s) => s.entity.id)}
        onAdd={(e) => {
          update((d) => ({ ...d, sources: [...d.sources, newFlowSource(e)] }));
          setSelected(draft.sources.length);
          setAdding(false);
        }}
      />
    </div>
  );
}

function SourcePanel({ source, index, onRemoved }: { source: FlowSource; index: number; onRemoved: () => void }) {
  const { draft, update, flowId, flow } = useFlowEditor();
  const fields = useFields().data ?? [];
  const { map } = useCounterMap(flowId);
  const path = `sources.${index}`;
  const set = (patch: Partial<FlowSource>) => update((d) => ({ ...d, sources: d.sources.map((s, j) => (j === index ? { ...s, ...patch } : s)) }));
  const flowFields = (draft?.fields ?? []).map((id) => fields.find((f) => f.id === id) ?? { id, name: id, type: "string", standard: false });
  const name = source.entity.name || source.entity.id;
  return (
    <div className="flex flex-col gap-4">
      <Card
        title={name}
        description={`Source entity ${source.entity.id}`}
        actions={
          <Button
            size="sm"
            variant="danger"
            onClick={() => {
              if (!window.confirm(`Remove ${name} from this flow? Its URL stops working once you save and deploy.`)) return;
              update((d) => ({ ...d, sources: d.sources.filter((_, j) => j !== index) }));
              onRemoved();
            }}
          >
            Remove from flow
          </Button>
        }
      >
        <div className="flex flex-col gap-3">
          <Switch
            checked={source.enabled !== false}
            onChange={(enabled) => set({ enabled })}
            label="Source enabled"
            description="A disabled source is answered 403 “Source is disabled”; no lead is created."
          />
          <Switch
            checked={Boolean(source.authentication_required)}
            onChange={(authentication_required) => set({ authentication_required })}
            label="Require an API key"
            description="Submissions without a valid key of this source get 401 “Unauthorized source”."
          />
        </div>
      </Card>
      <Card title="Submission URL and examples">
        {!flow?.deployed_version ? <p className="mb-3 text-sm text-amber-700">This flow is not deployed yet: the URL answers 404 until you deploy.</p> : null}
        <SubmissionInfo flowId={flowId} entityId={source.entity.id} fields={flowFields} authRequired={Boolean(source.authentication_required)} />
      </Card>
      <Card title="API keys" description="Keys belong to the source entity, so a vendor uses one key across flows.">
        <SourceKeys entityId={source.entity.id} entityName={name} />
      </Card>
      <Card title="Field mapping" description="Rename the source's parameters onto flow fields, e.g. first_name ← {{fname}}. Submitted keys that already equal a field id need no mapping.">
        <MappingEditor
          label={`Field mapping of ${name}`}
          path={`${path}.integration.mappings`}
          mappings={source.integration?.mappings ?? []}
          onChange={(mappings) => set({ integration: { ...(source.integration ?? { module_id: "leadconduit-default.inbound" }), mappings } })}
          suggestions={draft?.fields ?? []}
          propertyPlaceholder="flow field, e.g. first_name"
          valuePlaceholder="{{fname}}"
          emptyText="No mappings: the source sends the flow's field names."
        />
      </Card>
      <Card title="Source acceptance criteria" description="Checked after the flow's criteria, only for leads from this source.">
        <AcceptanceForm label={`Acceptance criteria of ${name}`} path={`${path}.acceptance_criteria`} value={source.acceptance_criteria} onChange={(acceptance_criteria) => set({ acceptance_criteria })} />
      </Card>
      <Card title="Source prices" description="Layer 2 of pricing: used before the flow's prices. The last matching price wins.">
        <PricingRules label={`Prices of ${name}`} path={`${path}.pricing`} allowOverride value={source.pricing} onChange={(pricing) => set({ pricing })} />
      </Card>
      <Card title="Source caps" description="Checked after the flow caps, only for this source's leads.">
        <CapTree
          label={`Caps of ${name}`}
          caps={source.caps ?? []}
          issuePath={`${path}.caps`}
          counters={map}
          namePrefix={`${draft?.name ?? "Flow"}: ${name} Source - Cap`}
          onChange={(caps) => set({ caps })}
        />
      </Card>
      <Card
        title="Feedback to this source"
        description="Returns and conversions that recipients report about this source's leads can be passed on to it in real time, each type on its own terms."
      >
        <SourceFeedbackEditor source={source} path={path} onChange={(feedback) => set({ feedback })} />
      </Card>
    </div>
  );
}

/** Adds an existing source entity, or creates a new one (validated with the API's own schema). */
export function AddSourceDialog({
  open,
  onClose,
  onAdd,
  exclude,
  role = "source",
}: {
  open: boolean;
  onClose: () => void;
  onAdd: (e: Entity) => void;
  exclude: string[];
  role?: "source" | "recipient";
}) {
  const entities = useEntities(role);
  const create = useCreateEntity();
  const toast = useToast();
  const [pick, setPick] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const available = (entities.data ?? []).filter((e) => !exclude.includes(e.id));
  const noun = role === "source" ? "source" : "recipient";
  function submit() {
    setError(null);
    if (pick) {
      const e = available.find((x) => x.id === pick);
      if (e) onAdd(e);
      setPick("");
      return;
    }
    const parsed = entityCreateBodySchema.safeParse({ name, roles: [role] });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the name");
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (e) => {
        toast(`Created ${noun} ${e.name}`, "success");
        setName("");
        onAdd(e);
      },
      onError: (e) => setError(e instanceof ApiError && e.code === "conflict" ? `A ${noun} with this name exists; pick it from the list.` : errorText(e)),
    });
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Add a ${noun}`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" pending={create.isPending} onClick={submit} disabled={!pick && !name.trim()}>
            Add {noun}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label={`Existing ${noun}`} hint={available.length === 0 ? `No other ${noun}s yet.` : undefined}>
          {(p) => (
            <Select {...p} value={pick} onChange={(e) => setPick(e.target.value)} disabled={available.length === 0}>
              <option value="">Choose…</option>
              {available.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex items-center gap-3 text-xs text-slate-400">
          <span className="h-px flex-1 bg-slate-200" /> or create a new one <span className="h-px flex-1 bg-slate-200" />
        </div>
        <Field label={`New ${noun} name`} error={error}>
          {(p) => <Input {...p} value={name} disabled={Boolean(pick)} onChange={(e) => setName(e.target.value)} placeholder={role === "source" ? "Vendor A" : "Acme CRM"} />}
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
