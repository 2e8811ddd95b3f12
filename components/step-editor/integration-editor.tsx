"use client";
// The outbound HTTP integration of spec 05 §3–§4 — URL, method, time-out, the request mapping and
// how the response is read — as one editor. Recipient steps use it for their delivery and flow
// sources for the feedback they are sent (06 §5.5), so both read and write the same mappings.
import type { Mapping } from "@/components/api/types";
import { MappingEditor, mappingValue, setMappingValue } from "@/components/flows/mapping-editor";
import { Field, Input, Select } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { MODULES } from "./steps";

/** Request variables that have their own controls; the mapping list shows everything else. */
export const DEDICATED = new Set([
  "url",
  "method",
  "outcome_search_term",
  "outcome_search_path",
  "outcome_on_match",
  "reason_path",
  "price_path",
  "reference_path",
  "timeout_seconds",
  "list_names",
  "list_name",
  "value",
  "values",
]);

/** The custom outbound formats (JSON, form, XML, query string) a feedback call can use. */
export const HTTP_MODULES = MODULES.filter((m) => m.id.startsWith("custom.outbound."));

export function Section({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="border-t border-slate-100 pt-4" aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {description ? <p className="mb-2 text-xs text-slate-500">{description}</p> : <div className="mb-2" />}
      {children}
    </section>
  );
}

/** Controls bound to single request variables (`url`, `method`…) of a mapping list at `path`. */
export function useMappingFields(mappings: readonly Mapping[], onChange: (next: Mapping[]) => void, path: string) {
  const issues = useIssues();
  const indexOf = (property: string) => mappings.findIndex((m) => m.property === property);
  const issueFor = (property: string) => {
    const i = indexOf(property);
    return i < 0 ? undefined : (issues.at(`${path}.${i}.value`) ?? issues.at(`${path}.${i}`));
  };
  const pathFor = (property: string) => {
    const i = indexOf(property);
    return i < 0 ? undefined : `${path}.${i}.value`;
  };
  const set = (property: string, value: string) => onChange(setMappingValue(mappings, property, value));
  const text = (property: string, label: string, placeholder: string, hint?: string, className?: string) => (
    <Field label={label} hint={hint} error={issueFor(property)} path={pathFor(property)} className={className}>
      {(p) => <Input {...p} value={mappingValue(mappings, property)} onChange={(e) => set(property, e.target.value)} placeholder={placeholder} className="font-mono text-xs" />}
    </Field>
  );
  return { issueFor, pathFor, set, text };
}

export function IntegrationEditor({
  moduleId,
  mappings,
  onChange,
  path,
  label,
  suggestions: extraSuggestions = [],
  requestDescription = "Where and how the lead is sent. Typed values are sent in their normalized form.",
  withPrice = true,
}: {
  moduleId: string;
  mappings: readonly Mapping[];
  onChange: (next: Mapping[]) => void;
  /** Where the mappings sit in the flow document (`steps.2.integration.mappings`). */
  path: string;
  /** Names the mapping list for assistive technology ("Request mapping of Acme CRM"). */
  label: string;
  suggestions?: readonly string[];
  requestDescription?: string;
  /** Recipients may read a sale price from the response; feedback calls have none. */
  withPrice?: boolean;
}) {
  const mod = MODULES.find((m) => m.id === moduleId);
  const { text, issueFor, pathFor, set } = useMappingFields(mappings, onChange, path);
  const prefix = mod?.prefix ?? "";
  const suggestions = [
    ...extraSuggestions,
    ...(prefix ? ["first_name", "last_name", "email", "phone", "state", "lead_id", "event_id"].map((k) => prefix + k) : []),
    "header.X-API-Key",
    "header.Authorization",
    "basic_username",
    "basic_password",
    "send_ascii",
    "follow_redirects",
  ];
  return (
    <>
      <Section title="Request" description={requestDescription}>
        <div className="grid gap-3 md:grid-cols-[1fr_10rem_8rem]">
          {text("url", "URL", "https://buyer.example.com/leads", "Required. Templates allowed.")}
          {mod && mod.methods.length ? (
            <Field label="Method" error={issueFor("method")} path={pathFor("method")}>
              {(p) => (
                <Select {...p} value={mappingValue(mappings, "method") || mod.methods[0]} onChange={(e) => set("method", e.target.value === mod.methods[0] ? "" : e.target.value)}>
                  {mod.methods.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </Select>
              )}
            </Field>
          ) : (
            <div />
          )}
          {text("timeout_seconds", "Time-out (s)", "10")}
        </div>
        <div className="mt-3">
          <p className="mb-1 text-sm font-medium text-slate-700">Request mapping</p>
          <MappingEditor
            label={label}
            path={path}
            mappings={mappings}
            exclude={DEDICATED}
            onChange={onChange}
            suggestions={suggestions}
            propertyPlaceholder={prefix ? `${prefix}email` : "property"}
            emptyText={prefix ? `Nothing mapped: the body is empty. Add e.g. ${prefix}email ← {{lead.email}}.` : "No extra settings."}
          />
        </div>
      </Section>
      <Section title="Success criteria" description="How the response is read. Without a search term every 2xx answer is a success, any other 4xx a failure and 5xx or no answer an error.">
        <div className="grid gap-3 md:grid-cols-3">
          {text("outcome_search_term", "Search term", "success", "Plain text or /regex/, case-insensitive.")}
          {text("outcome_search_path", "Search in", "status", "Dot path (JSON), XPath (XML) or CSS selector; blank = whole body.")}
          <Field label="When found, the outcome is" error={issueFor("outcome_on_match")}>
            {(p) => (
              <Select {...p} value={mappingValue(mappings, "outcome_on_match") || "success"} onChange={(e) => set("outcome_on_match", e.target.value === "success" ? "" : e.target.value)}>
                <option value="success">success (else failure)</option>
                <option value="failure">failure (else success)</option>
                <option value="error">error (else success)</option>
              </Select>
            )}
          </Field>
          {text("reason_path", "Reason path", "error.message")}
          {withPrice ? text("price_path", "Sale price path", "price", "Replaces the step's sale price when present.") : null}
          {withPrice ? text("reference_path", "Reference path", "id") : null}
        </div>
      </Section>
    </>
  );
}
