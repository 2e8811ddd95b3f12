// Compiling a flow version (done once, cached by the caller per flow id + version): every rule
// set, template and mapping becomes a closure, so processing a lead only evaluates.

import type { FlowDocument, FlowSource } from "@/lib/schemas/flow";
import { compileAcceptance, type CompiledAcceptance } from "./acceptance-criteria";
import { maskReplacements, STANDARD_FIELDS } from "./deps";
import { compileSchedule, type CompiledSchedule } from "./hours-of-operation";
import { compileSourceMappings, type CompiledMappings } from "./mappings";
import { compileFields, type CompiledField } from "./pre-process";
import { compilePricing, compilePricingService, type CompiledPricing, type CompiledPricingService } from "./pricing";
import type { RuleOptions } from "./rule-set";
import { compileSteps, type CompiledStep, type StepUnit } from "./steps";
import { compileSuppression, type CompiledSuppression } from "./suppression";
import type { Vars } from "./types";
import { compileCaps, type CompiledCap } from "./volume-caps";

export interface FieldInfo {
  id: string;
  name: string;
  type: string;
}

export interface CompileFlowOptions {
  /** Custom field definitions (standard fields are built in); a listed id without a definition is a `string`. */
  fields?: readonly FieldInfo[];
  /** Extra display names for rule reasons (02 §6), over those of `fields`. */
  fieldNames?: Readonly<Record<string, string>>;
  /** Account additions to the obscenity list (02 §5). */
  obsceneWords?: readonly string[];
}

export interface CompiledSource {
  id: string;
  entity: { id: string; name: string };
  moduleId: string;
  enabled: boolean;
  inboundMappings: CompiledMappings;
  acceptance: CompiledAcceptance | null;
  pricing: CompiledPricing | null;
  pricingService: CompiledPricingService | null;
  caps: CompiledCap[];
  config: FlowSource;
}

export interface CompiledFlow {
  document: FlowDocument;
  name: string;
  fields: CompiledField[];
  fieldNames: Readonly<Record<string, string>>;
  schedule: CompiledSchedule | null;
  acceptance: CompiledAcceptance | null;
  suppression: CompiledSuppression | null;
  pricing: CompiledPricing | null;
  pricingService: CompiledPricingService | null;
  caps: CompiledCap[];
  sources: CompiledSource[];
  steps: CompiledStep[];
  stepUnits: StepUnit[];
  /** Clear values of the lead's maskable fields with their masked forms (for recorded exchanges). */
  maskReplacements(vars: Vars): Array<{ clear: string; masked: string }>;
  /** Just the clear texts (≥ 4 characters) of the lead's maskable fields: a cheap pre-check. */
  maskClears(vars: Vars): string[];
}

const STANDARD_BY_ID: ReadonlyMap<string, FieldInfo> = new Map(STANDARD_FIELDS.map((f) => [f.id, f]));

export function compileFlow(document: FlowDocument, options: CompileFlowOptions = {}): CompiledFlow {
  const custom = new Map((options.fields ?? []).map((f) => [f.id, f]));
  const infoOf = (id: string): FieldInfo | undefined => custom.get(id) ?? STANDARD_BY_ID.get(id);
  const fieldNames: Record<string, string> = {};
  for (const id of document.fields ?? []) {
    const info = infoOf(id);
    if (info) fieldNames[id] = info.name;
  }
  Object.assign(fieldNames, options.fieldNames);
  const ruleOptions: RuleOptions = { fieldNames, obsceneWords: options.obsceneWords };

  const fields = compileFields(document.fields ?? [], (id) => infoOf(id)?.type);
  const maskable = fields.filter((f) => f.maskable);
  const { steps, units } = compileSteps(document.steps ?? [], ruleOptions);

  return {
    document,
    name: document.name,
    fields,
    fieldNames,
    schedule: compileSchedule(document.schedule),
    acceptance: compileAcceptance(document.acceptance_criteria, ruleOptions),
    suppression: compileSuppression(document.suppression),
    pricing: compilePricing(document.pricing, ruleOptions),
    pricingService: compilePricingService(document.pricing_service),
    caps: compileCaps(document.caps, ruleOptions),
    sources: (document.sources ?? []).map((s, i) => ({
      id: s.id ?? `source${i}`,
      entity: { id: s.entity.id, name: s.entity.name ?? "" },
      moduleId: s.integration?.module_id ?? "leadconduit-default.inbound",
      enabled: s.enabled !== false,
      inboundMappings: compileSourceMappings(s.integration?.mappings, ruleOptions),
      acceptance: compileAcceptance(s.acceptance_criteria, ruleOptions),
      pricing: compilePricing(s.pricing, ruleOptions),
      pricingService: compilePricingService(s.pricing_service),
      caps: compileCaps(s.caps, ruleOptions),
      config: s,
    })),
    steps,
    stepUnits: units,
    maskClears(vars) {
      if (maskable.length === 0) return [];
      const lead = (vars.lead ?? {}) as Record<string, unknown>;
      const out: string[] = [];
      for (const f of maskable) {
        const v = lead[f.id];
        for (const x of Array.isArray(v) ? v : [v]) {
          for (const t of typeof x === "object" && x !== null ? [(x as { normal?: unknown }).normal, (x as { raw?: unknown }).raw] : [x]) {
            if ((typeof t === "string" || typeof t === "number") && String(t).length >= 4) out.push(String(t));
          }
        }
      }
      return out;
    },
    maskReplacements(vars) {
      if (maskable.length === 0) return [];
      const lead = (vars.lead ?? {}) as Record<string, unknown>;
      return maskable
        .flatMap((f) => maskReplacements(f.type, lead[f.id]))
        .sort((a, b) => b.clear.length - a.clear.length);
    },
  };
}

/** The flow source a lead arrived through: by short id, else by entity id (the intake URL names the entity). */
export function findSource(flow: CompiledFlow, source: { id: string; entity: { id: string } }): CompiledSource | undefined {
  return flow.sources.find((s) => s.id === source.id) ?? flow.sources.find((s) => s.entity.id === source.entity.id);
}
