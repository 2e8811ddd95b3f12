"use client";
import Link from "next/link";
import type { FlowDocument } from "@/components/api/types";
import { usePricingServices } from "@/components/api/use-catalog";
import { Field, Input, Select } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";

type Service = NonNullable<FlowDocument["pricing_service"]>;

/** A pricing-service layer (spec 04 §3.2): which account service to ask, and the fallback price. */
export function PricingServiceForm({ value, onChange, path, label }: { value: Service | null | undefined; onChange: (s: Service | null) => void; path: string; label: string }) {
  const services = usePricingServices();
  const issues = useIssues();
  const list = services.data ?? [];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={`${label}: service`} path={`${path}.service_id`} error={issues.at(`${path}.service_id`)} hint={list.length === 0 ? "No pricing services are set up for this account." : undefined}>
        {(p) => (
          <Select {...p} value={value?.service_id ?? ""} onChange={(e) => onChange(e.target.value ? { service_id: e.target.value, fallback_price: value?.fallback_price ?? null } : null)}>
            <option value="">No service (skip this layer)</option>
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {value?.service_id && !list.some((s) => s.id === value.service_id) ? <option value={value.service_id}>{value.service_id}</option> : null}
          </Select>
        )}
      </Field>
      {value ? (
        <Field
          label={`${label}: fallback price`}
          path={`${path}.fallback_price`}
          error={issues.at(`${path}.fallback_price`)}
          hint="Used when the service times out or answers no valid price. Blank: fall through to the next layer."
        >
          {(p) => (
            <Input
              {...p}
              type="number"
              min={0}
              step="0.01"
              value={value.fallback_price ?? ""}
              onChange={(e) => onChange({ ...value, fallback_price: e.target.value === "" ? null : Number(e.target.value) })}
            />
          )}
        </Field>
      ) : (
        <p className="self-end pb-2 text-xs text-slate-500">
          Services are managed in{" "}
          <Link href="/settings" className="text-brand-700 underline">
            Settings
          </Link>
          .
        </p>
      )}
    </div>
  );
}
