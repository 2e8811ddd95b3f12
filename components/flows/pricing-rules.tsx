"use client";
// Ordered price entries of one pricing layer (spec 04 §3): every entry is checked and the LAST
// matching one wins, so the list reads general → specific. Drag or use the buttons to reorder.
import type { Pricing } from "@/components/api/types";
import { RuleBuilder } from "@/components/rule-builder";
import { Button, IconButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { DragHandle, SortableList, moveItem } from "@/components/ui/sortable-list";
import { newShortId } from "@/lib/ids";

type Price = Pricing["prices"][number];

export function PricingRules({
  value,
  onChange,
  path,
  label,
  allowOverride,
  emptyText = "No prices in this layer: it yields no price and the next layer is used.",
}: {
  value: Pricing | null | undefined;
  onChange: (next: Pricing | null) => void;
  path: string;
  label: string;
  /** Source layer only: the source may submit its own price (spec 04 §3.2 `override`). */
  allowOverride?: boolean;
  emptyText?: string;
}) {
  const issues = useIssues();
  const pricing: Pricing = value ?? { override: false, prices: [] };
  const set = (next: Pricing) => onChange(!next.override && next.prices.length === 0 ? null : next);
  const setPrices = (prices: Price[]) => set({ ...pricing, prices });
  const describe = (p: Price, i: number) => `Price ${i + 1} ($${p.amount})`;
  return (
    <div className="flex flex-col gap-3" role="group" aria-label={label}>
      {allowOverride ? (
        <Switch
          checked={pricing.override}
          onChange={(override) => set({ override, prices: override ? [] : pricing.prices })}
          label="The source sends the price"
          description="Use the submitted price field instead of rules. Rules and a submitted price cannot be combined."
        />
      ) : null}
      {pricing.override ? null : (
        <>
          {pricing.prices.length > 1 ? (
            <Notice tone="warn">
              <strong>The last matching price wins.</strong> Every price below is checked; the lowest matching row in the list sets the price. Put general prices first
              and specific ones after them.
            </Notice>
          ) : null}
          {pricing.prices.length === 0 ? <p className="text-sm text-slate-500">{emptyText}</p> : null}
          <SortableList
            label={`${label} entries`}
            items={pricing.prices}
            getId={(p, i) => p.id ?? String(i)}
            itemLabel={describe}
            onReorder={setPrices}
            className="flex flex-col gap-2"
            renderItem={(p, i, handle) => {
              const at = `${path}.prices.${i}`;
              const name = describe(p, i);
              return (
                <div role="group" aria-label={`Price ${i + 1}`} data-issue-path={at} className="rounded-md border border-slate-200 bg-white p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <DragHandle handle={handle} label={`Drag ${name}`} />
                    <span className="w-6 text-xs font-semibold text-slate-400">#{i + 1}</span>
                    <label className="text-sm text-slate-600" htmlFor={`${at}-amount`}>
                      Price $
                    </label>
                    <Input
                      id={`${at}-amount`}
                      aria-label={`Price ${i + 1} amount`}
                      type="number"
                      min={0}
                      step="0.01"
                      value={Number.isFinite(p.amount) ? p.amount : ""}
                      invalid={Boolean(issues.at(`${at}.amount`))}
                      onChange={(e) => setPrices(pricing.prices.map((x, j) => (j === i ? { ...x, amount: e.target.value === "" ? Number.NaN : Number(e.target.value) } : x)))}
                      className="w-28"
                    />
                    <span className="text-sm text-slate-500">{p.rule_set?.rules?.length ? "when the lead matches:" : "for every lead"}</span>
                    {i === pricing.prices.length - 1 && pricing.prices.length > 1 ? <span className="text-xs font-medium text-amber-700">checked last, wins when it matches</span> : null}
                    <div className="ml-auto flex">
                      <IconButton label={`Move ${name} up`} disabled={i === 0} onClick={() => setPrices(moveItem(pricing.prices, i, i - 1))}>
                        ↑
                      </IconButton>
                      <IconButton label={`Move ${name} down`} disabled={i === pricing.prices.length - 1} onClick={() => setPrices(moveItem(pricing.prices, i, i + 1))}>
                        ↓
                      </IconButton>
                      <IconButton label={`Remove ${name}`} onClick={() => setPrices(pricing.prices.filter((_, j) => j !== i))}>
                        ✕
                      </IconButton>
                    </div>
                  </div>
                  {issues.at(`${at}.amount`) ? <p className="mt-1 text-xs font-medium text-red-700">{issues.at(`${at}.amount`)}</p> : null}
                  <div className="mt-2 pl-8">
                    <RuleBuilder
                      label={`Price ${i + 1} condition`}
                      value={p.rule_set}
                      onChange={(rule_set) => setPrices(pricing.prices.map((x, j) => (j === i ? { ...x, rule_set } : x)))}
                      issuePath={`${at}.rule_set`}
                      emptyText="No condition: matches every lead."
                      hidePreview={!p.rule_set}
                    />
                  </div>
                </div>
              );
            }}
          />
          <div>
            <Button size="sm" onClick={() => setPrices([...pricing.prices, { id: newShortId(), amount: 0, rule_set: null }])}>
              + Add price
            </Button>
          </div>
        </>
      )}
      {issues.at(`${path}.prices`) ? <p className="text-xs font-medium text-red-700">{issues.at(`${path}.prices`)}</p> : null}
    </div>
  );
}
