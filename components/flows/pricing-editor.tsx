"use client";
import { useState } from "react";
import { Card, Notice } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { useFlowEditor } from "./flow-editor-provider";
import { PricingRules } from "./pricing-rules";
import { PricingServiceForm } from "./pricing-service-form";

function Layer({ n, title, children, description }: { n: number; title: string; description: string; children: React.ReactNode }) {
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          <span className="flex size-6 items-center justify-center rounded-full bg-brand-600 text-xs font-bold text-white">{n}</span>
          {title}
        </span>
      }
      description={description}
    >
      {children}
    </Card>
  );
}

export function PricingEditor() {
  const { draft, update } = useFlowEditor();
  const [sourceIndex, setSourceIndex] = useState(0);
  if (!draft) return null;
  const source = draft.sources[sourceIndex];
  const updateSource = (patch: Partial<typeof source>) =>
    update((d) => ({ ...d, sources: d.sources.map((s, j) => (j === sourceIndex ? { ...s, ...patch } : s)) }));
  return (
    <div className="flex flex-col gap-4">
      <Notice tone="info">
        The purchase price is what you pay the source for an accepted lead. Four layers are tried in order; <strong>the first layer that yields a price wins</strong>{" "}
        and the layers below it are not used. Nothing yields a price → $0. A lead that does not end in success is charged $0.
      </Notice>
      {draft.sources.length > 0 ? (
        <div className="flex items-center gap-2">
          <label htmlFor="pricing-source" className="text-sm font-medium text-slate-700">
            Source for layers 1 and 2
          </label>
          <Select id="pricing-source" value={sourceIndex} onChange={(e) => setSourceIndex(Number(e.target.value))} className="w-64">
            {draft.sources.map((s, i) => (
              <option key={s.id ?? i} value={i}>
                {s.entity.name || s.entity.id}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {source ? (
        <>
          <Layer n={1} title={`Source pricing service: ${source.entity.name}`} description="An external service asked for this source's price.">
            <PricingServiceForm
              label="Source pricing service"
              path={`sources.${sourceIndex}.pricing_service`}
              value={source.pricing_service}
              onChange={(pricing_service) => updateSource({ pricing_service })}
            />
          </Layer>
          <Layer n={2} title={`Source prices: ${source.entity.name}`} description="Prices for leads from this source.">
            <PricingRules
              label="Source prices"
              path={`sources.${sourceIndex}.pricing`}
              allowOverride
              value={source.pricing}
              onChange={(pricing) => updateSource({ pricing })}
            />
          </Layer>
        </>
      ) : (
        <p className="text-sm text-slate-500">Layers 1 and 2 belong to sources; this flow has no sources yet.</p>
      )}
      <Layer n={3} title="Flow pricing service" description="An external service asked for every source's leads.">
        <PricingServiceForm label="Flow pricing service" path="pricing_service" value={draft.pricing_service} onChange={(pricing_service) => update((d) => ({ ...d, pricing_service }))} />
      </Layer>
      <Layer n={4} title="Flow prices" description="The safety net: used when no source layer yields a price.">
        <PricingRules label="Flow prices" path="pricing" value={draft.pricing} onChange={(pricing) => update((d) => ({ ...d, pricing }))} />
      </Layer>
    </div>
  );
}
